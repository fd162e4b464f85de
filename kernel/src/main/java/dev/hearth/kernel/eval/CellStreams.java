package dev.hearth.kernel.eval;

import dev.hearth.kernel.cell.CellContext;
import dev.hearth.kernel.cell.CellScope;
import dev.hearth.kernel.cell.StreamName;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Routes {@code System.out}, {@code System.err} and {@code System.in} of cell code (and of threads
 * it starts) to the running cell: output becomes {@code stream} messages, reading stdin asks the
 * front end for a line. Text written when no cell ever ran goes to the kernel's own stderr.
 */
public final class CellStreams {

    private CellStreams() {
    }

    /**
     * Replaces the process's standard streams; returns the original stderr for the kernel's log.
     */
    public static PrintStream install(CellScope cells) {
        PrintStream originalErr = System.err;
        System.setOut(new PrintStream(new CellOutput(StreamName.STDOUT, originalErr, cells), true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(new CellOutput(StreamName.STDERR, originalErr, cells), true, StandardCharsets.UTF_8));
        System.setIn(new CellInput(cells));
        return originalErr;
    }

    /** Bytes to text, whole UTF-8 characters at a time, then to the cell's stream. */
    private static final class CellOutput extends OutputStream {
        private final StreamName name;
        private final PrintStream fallback;
        private final ByteArrayOutputStream pending = new ByteArrayOutputStream();
        private final CellScope cells;

        CellOutput(StreamName name, PrintStream fallback, CellScope cells) {
            this.name = name;
            this.fallback = fallback;
            this.cells = cells;
        }

        @Override
        public synchronized void write(int b) {
            pending.write(b);
            if (b == '\n') {
                flush();
            }
        }

        @Override
        public synchronized void write(byte[] bytes, int off, int len) {
            pending.write(bytes, off, len);
            flush();
        }

        @Override
        public synchronized void flush() {
            byte[] bytes = pending.toByteArray();
            int complete = completeUtf8Length(bytes);
            if (complete == 0) {
                return;
            }
            String text = new String(bytes, 0, complete, StandardCharsets.UTF_8);
            pending.reset();
            pending.write(bytes, complete, bytes.length - complete);
            Optional<CellContext> cell = cells.activeOrLast();
            if (cell.isPresent()) {
                cell.get().stream(name, text);
            } else {
                fallback.print(text);
            }
        }

        /** The length of the longest prefix that does not end inside a UTF-8 sequence. */
        private static int completeUtf8Length(byte[] bytes) {
            int end = bytes.length;
            for (int back = 1; back <= Math.min(3, end); back++) {
                int b = bytes[end - back] & 0xFF;
                if ((b & 0xC0) == 0x80) {
                    continue;
                }
                int needed = b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : b >= 0xC0 ? 2 : 1;
                return needed > back ? end - back : end;
            }
            return end;
        }
    }

    /** Reads lines from the front end on demand, through the running cell's {@code input}. */
    private static final class CellInput extends InputStream {
        private final CellScope cells;
        private byte[] buffer = new byte[0];
        private int position;

        CellInput(CellScope cells) {
            this.cells = cells;
        }

        @Override
        public synchronized int read() throws IOException {
            if (!fill()) {
                return -1;
            }
            return buffer[position++] & 0xFF;
        }

        @Override
        public synchronized int read(byte[] target, int off, int len) throws IOException {
            if (len == 0) {
                return 0;
            }
            if (!fill()) {
                return -1;
            }
            int n = Math.min(len, buffer.length - position);
            System.arraycopy(buffer, position, target, off, n);
            position += n;
            return n;
        }

        @Override
        public synchronized int available() {
            return buffer.length - position;
        }

        private boolean fill() throws IOException {
            if (position < buffer.length) {
                return true;
            }
            CellContext cell = cells.active().orElse(null);
            if (cell == null) {
                return false;
            }
            String line;
            try {
                line = cell.input("", false);
            } catch (dev.hearth.kernel.cell.CellInterruptedException e) {
                throw new InterruptedIOException("interrupted while waiting for input");
            }
            buffer = (line + "\n").getBytes(StandardCharsets.UTF_8);
            position = 0;
            return true;
        }
    }
}
