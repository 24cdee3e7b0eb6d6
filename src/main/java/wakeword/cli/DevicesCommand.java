package wakeword.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import wakeword.audio.AlsaCaptureSource;

/** Lists what Java Sound (ALSA) offers for capture, so the config's {@code device} can be chosen. */
@Command(name = "devices", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "Lists capture devices and their formats, as the 'device' key sees them.")
final class DevicesCommand implements Callable<Integer> {

    @Override
    public Integer call() {
        Logging.configure("warn", true);
        var devices = AlsaCaptureSource.listDevices();
        if (devices.isEmpty()) {
            System.out.println("no capture devices: is a microphone plugged in, and is this user in group 'audio'?");
        }
        devices.forEach(d -> System.out.println(d));
        return ExitStatus.OK;
    }
}
