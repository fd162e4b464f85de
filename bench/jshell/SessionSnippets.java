import dev.hearth.kernel.cell.DiscardingCellContext;
import dev.hearth.kernel.eval.JShellEvaluator;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.lang.reflect.Field;
import java.util.Arrays;
import java.util.List;

/**
 * What the session's own live snippets cost each cell: a trivial cell through Hearth's
 * {@link JShellEvaluator}, with ({@code runtime}) or without ({@code bare}) the variable and the five
 * functions {@code RuntimeRoom} declares at session start (JShell imports every live snippet into
 * each later compile).
 *
 * <p>Usage (from the repository root, after {@code mvn package}):
 * {@code java -cp kernel/target/hearth-kernel-0.1.0-SNAPSHOT-all.jar bench/jshell/SessionSnippets.java EVALS bare|runtime CELL}
 * (docs/BENCHMARKS.md, Kernel).
 */
public final class SessionSnippets {

    public static void main(String[] args) throws Exception {
        int evals = Integer.parseInt(args[0]);
        boolean runtime = args[1].equals("runtime");
        String cell = args.length > 2 ? args[2] : "1 + 1";
        JShellEvaluator evaluator = JShellEvaluator.start(List.of("import static dev.hearth.kernel.runtime.Cells.*;"));
        if (runtime) {
            Class<?> room = Class.forName("dev.hearth.kernel.runtime.RuntimeRoom");
            Field functions = room.getDeclaredField("FUNCTIONS");
            Field variable = room.getDeclaredField("VARIABLE");
            functions.setAccessible(true);
            variable.setAccessible(true);
            evaluator.prepare(List.of(new JShellEvaluator.Binding((String) variable.get(null),
                    "dev.hearth.kernel.runtime.CellRuntime", null)), List.of((String) functions.get(null)));
        }
        DiscardingCellContext ctx = new DiscardingCellContext();
        // CPU time of the evaluating thread (javac runs on it) as well as wall time: on a machine
        // shared with other work the CPU time is the steadier figure.
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long[] nanos = new long[evals];
        long[] cpu = new long[evals];
        for (int i = 0; i < evals; i++) {
            long start = System.nanoTime();
            long startCpu = threads.getCurrentThreadCpuTime();
            evaluator.eval(cell, ctx);
            cpu[i] = threads.getCurrentThreadCpuTime() - startCpu;
            nanos[i] = System.nanoTime() - start;
        }
        System.out.printf("%s: last %d of %d evals of %s: median wall %.2f ms, median CPU %.2f ms%n", args[1],
                evals - evals / 2, evals, cell, medianOfLastHalf(nanos) / 1e6, medianOfLastHalf(cpu) / 1e6);
        evaluator.close();
        System.exit(0);
    }

    private static long medianOfLastHalf(long[] values) {
        long[] last = Arrays.copyOfRange(values, values.length / 2, values.length);
        Arrays.sort(last);
        return last[last.length / 2];
    }
}
