package wakeword.cli;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.tinylog.Logger;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import wakeword.config.Config;
import wakeword.daemon.AudioInputs;
import wakeword.daemon.Daemon;
import wakeword.daemon.Signals;
import wakeword.daemon.SystemdNotifier;
import wakeword.gpio.GpioFactory;
import wakeword.hook.CommandHook;

/** The daemon: listens until SIGTERM or SIGINT; SIGHUP re-reads the config. */
@Command(name = "run", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = {"Listens for \"stop\" and switches the configured GPIO pin.",
                "SIGHUP (systemctl reload) re-reads the config; SIGTERM or SIGINT stops, leaving the pin idle."})
final class RunCommand implements Callable<Integer> {

    @Option(names = "--config", paramLabel = "FILE",
            description = "config file (default: /etc/wakeword/wakeword.conf, else config/wakeword.conf)")
    private Path config;

    @Option(names = "--input", paramLabel = "SOURCE",
            description = "alsa, - (raw 16 kHz mono S16_LE on stdin) or a .wav file; overrides the config")
    private String input;

    @Option(names = "--threshold", paramLabel = "X", description = "detection threshold 0..1, overrides the config")
    private String threshold;

    @Override
    public Integer call() throws Exception {
        Path file = ConfigFiles.locate(config);
        Map<String, String> overrides = new LinkedHashMap<>();
        if (input != null) overrides.put("input", input.equals("-") || input.equals("alsa")
                ? input : Path.of(input).toAbsolutePath().toString());
        if (threshold != null) overrides.put("threshold", threshold);
        Config settings = ConfigFiles.load(file).withOverrides(overrides, "command line");
        Logging.configure(settings.logLevel().name(), false);
        Logger.info("{} starting with config {}", new Main.Version().getVersion()[0], file.toAbsolutePath());

        Daemon daemon = new Daemon(settings,
                () -> ConfigFiles.load(file).withOverrides(overrides, "command line"),
                AudioInputs::open, GpioFactory::open, SystemdNotifier.fromEnvironment(), new CommandHook());
        Signals.handle("TERM", daemon::stop);
        Signals.handle("INT", daemon::stop);
        Signals.handle("HUP", daemon::reload);
        daemon.run();
        return ExitStatus.OK;
    }
}
