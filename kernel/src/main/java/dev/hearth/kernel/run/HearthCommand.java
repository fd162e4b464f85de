package dev.hearth.kernel.run;

import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.util.concurrent.Callable;

/** The {@code hearth} command line. */
@Command(name = "hearth", mixinStandardHelpOptions = true, versionProvider = HearthCommand.Version.class,
        description = "Hearth, a Jupyter kernel in Java that is a personal AI shell.%n"
                + "As a kernel, Jupyter starts it with a connection file: hearth CONNECTION_FILE.",
        subcommands = {RunCommand.class, RunsCommand.class, ScheduleCommand.class, dev.hearth.kernel.mcp.McpServeCommand.class})
public final class HearthCommand implements Callable<Integer> {

    @Override
    public Integer call() {
        CommandLine.usage(this, System.out);
        return 0;
    }

    /** The exit code of a run whose cells all ran but where a model's side effect was refused. */
    public static final int SIDE_EFFECT_REFUSED = 3;

    /** Whether {@code word} names a subcommand (else a lone argument is a kernel connection file). */
    public static boolean isSubcommand(String word) {
        return word.equals("help") || new CommandLine(new HearthCommand()).getSubcommands().containsKey(word);
    }

    /** Runs the command line; returns the exit code. */
    public static int execute(String... args) {
        return new CommandLine(new HearthCommand()).execute(args);
    }

    /** {@code hearth --version}. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[]{"hearth " + dev.hearth.kernel.session.KernelHandlers.VERSION + " (Java " + Runtime.version() + ")"};
        }
    }
}
