package dev.hearth.kernel.run;

import java.io.File;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/** The command that starts Hearth again the way this process was started: same Java, JVM options and class path. */
final class SelfCommand {

    private SelfCommand() {
    }

    /** {@code java [JVM options] -cp CLASSPATH dev.hearth.kernel.Main ARGS}. */
    static List<String> with(List<String> args) {
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        command.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments());
        command.add("-cp");
        // absolute: the command may run in another directory
        command.add(Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .map(entry -> Path.of(entry).toAbsolutePath().toString()).collect(Collectors.joining(File.pathSeparator)));
        command.add("dev.hearth.kernel.Main");
        command.addAll(args);
        return command;
    }
}
