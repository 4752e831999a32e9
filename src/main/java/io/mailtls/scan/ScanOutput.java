package io.mailtls.scan;

import java.io.IOException;
import java.io.Writer;
import java.nio.file.Path;

/**
 * Where a scan's results go, opened before the scan starts so a path that cannot be written is a usage error,
 * not a failure halfway: JSON lines to a file or a stream, an optional CSV, and for {@code --resume} what the
 * earlier run already wrote (its torn last line cut, its targets known, its rows copied into the new CSV).
 */
public final class ScanOutput implements AutoCloseable {
    final ResultWriter writer;
    final LongSet done;
    final ScanTally previous;
    final long tornBytes;

    private ScanOutput(ResultWriter writer, LongSet done, ScanTally previous, long tornBytes) {
        this.writer = writer;
        this.done = done;
        this.previous = previous;
        this.tornBytes = tornBytes;
    }

    /**
     * JSON lines to {@code out}, a fresh file unless {@code resume}; a CSV to {@code csv} when not null.
     *
     * @throws BadOutputFileException when resuming from a file that holds anything but mailtls.check/1 lines
     */
    public static ScanOutput files(Path out, Path csv, boolean resume) throws IOException {
        LongSet done = new LongSet();
        ScanTally previous = new ScanTally();
        long torn = 0;
        if (resume) {
            // Everything is read and checked before anything is written, so a foreign file is refused untouched.
            long complete = ExistingOutput.read(out, s -> {
                done.add(TargetKeys.of(s.target()));
                previous.add(s);
            });
            if (java.nio.file.Files.exists(out)) {
                torn = ExistingOutput.cut(out, complete);
            }
        }
        ResultWriter w = ResultWriter.files(out, resume, csv);
        if (resume && csv != null) {
            // The CSV is rebuilt from the JSON lines, so the two always agree, whenever the earlier run stopped.
            try {
                ExistingOutput.read(out, s -> {
                    try {
                        w.csvRow(s);
                    } catch (IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                });
                w.endBatch();
            } catch (IOException | RuntimeException e) {
                w.close();
                throw e;
            }
        }
        return new ScanOutput(w, done, previous, torn);
    }

    /** JSON lines to a stream (standard output); a CSV to {@code csv} when not null. */
    public static ScanOutput stream(Writer out, Path csv) throws IOException {
        return new ScanOutput(ResultWriter.stream(out, csv), new LongSet(), new ScanTally(), 0);
    }

    /** Results the earlier run left in the output. */
    public long resumed() {
        return previous.targets();
    }

    @Override
    public void close() throws IOException {
        writer.close();
    }
}
