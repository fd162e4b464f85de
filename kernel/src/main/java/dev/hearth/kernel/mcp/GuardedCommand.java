package dev.hearth.kernel.mcp;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The command line that starts an MCP server process under a small {@code /bin/sh} guard, so that
 * the server never outlives the kernel: the guard passes the standard streams through, writes the
 * server's stderr to a file (for the error tail), ends the server when it is itself terminated
 * (the normal stop) and, checking every second, when the watched process (the kernel) is gone even
 * if it was killed outright. Java has no parent-death signal; this is the portable stand-in.
 */
final class GuardedCommand {

    private static final String GUARD = String.join("\n",
            "p=$1; e=$2; shift 2",
            "exec 3<&0 4>&1",
            "\"$@\" <&3 >&4 2>\"$e\" 3<&- 4>&- &",
            "c=$!",
            "exec 0</dev/null 1>/dev/null 3<&- 4>&-",
            "trap 'kill -TERM \"$c\" 2>/dev/null' TERM INT HUP",
            "( while kill -0 \"$p\" 2>/dev/null && kill -0 \"$c\" 2>/dev/null; do sleep 1; done;"
                    + " kill -TERM \"$c\" 2>/dev/null ) </dev/null >/dev/null 2>&1 &",
            "w=$!",
            "s=0",
            "while kill -0 \"$c\" 2>/dev/null; do wait \"$c\"; s=$?; done",
            "kill \"$w\" 2>/dev/null",
            "exit $s");

    private GuardedCommand() {
    }

    /**
     * {@code command} guarded: it ends when process {@code watchedPid} ends, its stderr goes to {@code stderrFile}.
     */
    static List<String> of(List<String> command, long watchedPid, Path stderrFile) {
        List<String> guarded = new ArrayList<>(List.of("/bin/sh", "-c", GUARD, "hearth-mcp-guard",
                Long.toString(watchedPid), stderrFile.toString()));
        guarded.addAll(command);
        return guarded;
    }

    /** The last lines of {@code stderrFile} (at most {@code maxChars}), or "" when empty or unreadable. */
    static String tail(Path stderrFile, int maxLines, int maxChars) {
        try {
            if (!Files.exists(stderrFile)) {
                return "";
            }
            List<String> lines = Files.readAllLines(stderrFile, StandardCharsets.UTF_8);
            String tail = String.join("\n", lines.subList(Math.max(0, lines.size() - maxLines), lines.size())).strip();
            return tail.length() > maxChars ? "..." + tail.substring(tail.length() - maxChars) : tail;
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }
}
