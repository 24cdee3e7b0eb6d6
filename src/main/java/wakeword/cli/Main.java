package wakeword.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code wakeword} command: {@code run} is the daemon, the others help set it up and measure it. */
@Command(name = "wakeword", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "Listens for the word \"stop\" and switches a GPIO pin.",
        subcommands = {RunCommand.class, ReplayCommand.class, TuneCommand.class, DevicesCommand.class, BenchCommand.class})
public final class Main implements Runnable {

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(execute(args));
    }

    /** Runs a command line and returns its exit status (see {@link ExitStatus}). */
    public static int execute(String... args) {
        CommandLine cli = new CommandLine(new Main());
        cli.setExecutionExceptionHandler(new FailureHandler());
        cli.setParameterExceptionHandler(Main::badCommandLine);
        return cli.execute(args);
    }

    /** A bad command line: one line naming the problem and where the usage is, not the whole usage text. */
    private static int badCommandLine(CommandLine.ParameterException e, String[] args) {
        CommandLine failed = e.getCommandLine();
        failed.getErr().println("wakeword: error: " + FailureHandler.oneLine(e.getMessage()) + "; see '"
                + failed.getCommandSpec().qualifiedName() + " --help'");
        failed.getErr().flush();
        return ExitStatus.CONFIG;
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "name a command: run, replay, tune, devices or bench");
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = Main.class.getPackage().getImplementationVersion();
            return new String[] {"wakeword " + (v == null ? "(development build)" : v)};
        }
    }
}
