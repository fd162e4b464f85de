package dev.hearth.kernel.magic;

import dev.hearth.kernel.cell.CellContext;
import dev.hearth.kernel.cell.StreamName;

import java.util.Locale;

/** {@code %time STATEMENT} and {@code %%time}: runs code and reports the wall time it took. */
public final class TimeMagic implements Magic {

    private static final MagicSpec SPEC = MagicSpec.builder("time", MagicSpec.Kind.LINE_AND_CELL)
            .usage("%time CODE  |  %%time + cell")
            .summary("Run Java code (or a magic) and print the wall time it took")
            .help("The value of the code is the value of the cell. The time is printed even when the code fails.")
            .build();

    private final CodeRunner runner;

    public TimeMagic(CodeRunner runner) {
        this.runner = runner;
    }

    @Override
    public MagicSpec spec() {
        return SPEC;
    }

    @Override
    public Object run(MagicCall call, CellContext ctx) {
        String code = call.cellMagic() ? call.body() : call.line();
        if (code.isBlank()) {
            throw new MagicUsageException("%time: nothing to time", SPEC);
        }
        long start = System.nanoTime();
        try {
            return runner.run(code, ctx);
        } finally {
            ctx.stream(StreamName.STDOUT, "Wall time: " + format(System.nanoTime() - start) + "\n");
        }
    }

    static String format(long nanos) {
        double millis = nanos / 1e6;
        if (millis < 1) {
            return String.format(Locale.ROOT, "%.0f µs", nanos / 1e3);
        }
        if (millis < 1000) {
            return String.format(Locale.ROOT, "%.1f ms", millis);
        }
        return String.format(Locale.ROOT, "%.2f s", millis / 1000);
    }
}
