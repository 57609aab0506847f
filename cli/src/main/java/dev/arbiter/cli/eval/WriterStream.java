package dev.arbiter.cli.eval;

import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;

/** Bytes written to a {@link PrintWriter} (UTF-8), so the harness's progress goes where picocli's errors go. */
final class WriterStream extends OutputStream {

    private final PrintWriter writer;
    private final java.io.ByteArrayOutputStream pending = new java.io.ByteArrayOutputStream();

    WriterStream(PrintWriter writer) {
        this.writer = writer;
    }

    @Override
    public synchronized void write(int b) {
        pending.write(b);
        if (b == '\n' || b == '\r') {
            flush();
        }
    }

    @Override
    public synchronized void flush() {
        writer.print(pending.toString(StandardCharsets.UTF_8));
        writer.flush();
        pending.reset();
    }
}
