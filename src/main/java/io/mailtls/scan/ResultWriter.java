package io.mailtls.scan;

import java.io.BufferedWriter;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * Writes results as they arrive: one JSON line per target, and a CSV row when asked. Only whole lines are handed
 * to the system, flushed after each batch, so a killed scan leaves at most one torn last line (which
 * {@code --resume} cuts off); files are also synced to disk about once a second and at the end.
 */
final class ResultWriter implements AutoCloseable {
    private static final long SYNC_NANOS = 1_000_000_000L;

    private final Writer json;
    private final FileChannel jsonChannel;
    private final Writer csv;
    private final FileChannel csvChannel;
    private long lastSync = System.nanoTime();

    private ResultWriter(Writer json, FileChannel jsonChannel, Writer csv, FileChannel csvChannel) {
        this.json = json;
        this.jsonChannel = jsonChannel;
        this.csv = csv;
        this.csvChannel = csvChannel;
    }

    /** JSON lines to {@code out} (appended when {@code append}), CSV (always rewritten) to {@code csvFile} or none. */
    static ResultWriter files(Path out, boolean append, Path csvFile) throws IOException {
        FileOutputStream o = new FileOutputStream(out.toFile(), append);
        try {
            Csv c = csv(csvFile);
            return new ResultWriter(writer(o), o.getChannel(), c.writer, c.channel);
        } catch (IOException e) {
            o.close();
            throw e;
        }
    }

    /** JSON lines to a stream (standard output), CSV to {@code csvFile} or none. */
    static ResultWriter stream(Writer out, Path csvFile) throws IOException {
        Csv c = csv(csvFile);
        return new ResultWriter(out, null, c.writer, c.channel);
    }

    private record Csv(Writer writer, FileChannel channel) {
    }

    private static Csv csv(Path file) throws IOException {
        if (file == null) {
            return new Csv(null, null);
        }
        FileOutputStream o = new FileOutputStream(file.toFile(), false);
        Writer w = writer(o);
        w.write(CsvRows.HEADER);
        w.write('\n');
        return new Csv(w, o.getChannel());
    }

    private static Writer writer(FileOutputStream o) {
        return new BufferedWriter(new OutputStreamWriter(o, StandardCharsets.UTF_8), 1 << 16);
    }

    /** Writes one result's line and row (buffered until {@link #endBatch}). */
    void write(ScanResult r) throws IOException {
        json.write(r.json());
        json.write('\n');
        csvRow(r.summary());
    }

    /** Writes only a CSV row: the rows of results resumed from an earlier run. */
    void csvRow(ResultSummary s) throws IOException {
        if (csv != null) {
            csv.write(CsvRows.row(s));
            csv.write('\n');
        }
    }

    /** Hands the batch to the system; syncs the files if the last sync is a second old. */
    void endBatch() throws IOException {
        json.flush();
        if (json instanceof java.io.PrintWriter p && p.checkError()) {
            // A PrintWriter (standard output) swallows its errors: a closed pipe would go unnoticed to the end.
            throw new IOException("the output stream was closed");
        }
        if (csv != null) {
            csv.flush();
        }
        if (System.nanoTime() - lastSync > SYNC_NANOS) {
            sync();
        }
    }

    private void sync() throws IOException {
        lastSync = System.nanoTime();
        if (jsonChannel != null) {
            jsonChannel.force(false);
        }
        if (csvChannel != null) {
            csvChannel.force(false);
        }
    }

    @Override
    public void close() throws IOException {
        IOException first = null;
        try {
            json.flush();
            if (csv != null) {
                csv.flush();
            }
            sync();
        } catch (IOException e) {
            first = e;
        }
        for (AutoCloseable c : new AutoCloseable[] {jsonChannel == null ? null : json, csv}) {
            if (c != null) {
                try {
                    c.close();
                } catch (Exception e) {
                    first = first == null ? new IOException(e.getMessage(), e) : first;
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }
}
