package io.mailtls.scan;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.function.Consumer;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads back the output of an earlier, interrupted scan for {@code --resume}: cuts a torn last line (the scan was
 * killed while writing it), then takes every line's target as done.
 */
final class ExistingOutput {
    /** Far above any line mailtls writes (a deep check with transcripts is a few hundred kilobytes). */
    static final int MAX_LINE = 64 << 20;
    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    private ExistingOutput() {
    }

    /** Cuts {@code file} to its first {@code keep} bytes (a torn last line); returns how many bytes went. */
    static long cut(Path file, long keep) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
            long size = ch.size();
            if (keep < size) {
                ch.truncate(keep);
                ch.force(false);
            }
            return Math.max(0, size - keep);
        }
    }

    /** The offset of the last '\n', or -1. */
    private static long lastLineEnd(FileChannel ch, long size) throws IOException {
        ByteBuffer buf = ByteBuffer.allocate(1 << 16);
        long end = size;
        while (end > 0) {
            long start = Math.max(0, end - buf.capacity());
            buf.clear().limit((int) (end - start));
            while (buf.hasRemaining()) {
                if (ch.read(buf, start + buf.position()) < 0) {
                    break;
                }
            }
            for (int i = buf.position() - 1; i >= 0; i--) {
                if (buf.get(i) == '\n') {
                    return start + i;
                }
            }
            end = start;
        }
        return -1;
    }

    /**
     * Hands the summary of every complete line to {@code each}, ignoring a torn last line (one without its line
     * end); returns the length of the complete lines, where a resumed scan goes on writing.
     *
     * @throws BadOutputFileException when a line is not a {@code mailtls.check/1} document
     */
    static long read(Path file, Consumer<ResultSummary> each) throws IOException {
        if (!Files.exists(file)) {
            return 0;
        }
        long complete;
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            complete = lastLineEnd(ch, ch.size()) + 1;
        }
        try (InputStream in = new LimitedInputStream(Files.newInputStream(file), complete)) {
            BoundedLines lines = new BoundedLines(in, MAX_LINE);
            BoundedLines.Line line;
            while ((line = lines.next()) != null) {
                if (line.text().isBlank()) {
                    continue;
                }
                if (line.truncated()) {
                    throw bad(file, line.number(), "longer than " + (MAX_LINE >> 20) + " MB");
                }
                ResultSummary s;
                try {
                    JsonNode doc = MAPPER.readTree(line.text());
                    s = ResultSummary.of(doc);
                } catch (JacksonException | IllegalArgumentException e) {
                    throw bad(file, line.number(), e.getMessage());
                }
                each.accept(s);
            }
        }
        return complete;
    }

    /** A stream that ends after {@code limit} bytes of another. */
    private static final class LimitedInputStream extends java.io.FilterInputStream {
        private long left;

        LimitedInputStream(InputStream in, long limit) {
            super(in);
            left = limit;
        }

        @Override
        public int read() throws IOException {
            if (left <= 0) {
                return -1;
            }
            int b = super.read();
            if (b >= 0) {
                left--;
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (left <= 0) {
                return -1;
            }
            int n = super.read(b, off, (int) Math.min(len, left));
            if (n > 0) {
                left -= n;
            }
            return n;
        }
    }

    private static BadOutputFileException bad(Path file, long line, String why) {
        String w = why == null ? "" : why.lines().findFirst().orElse("");
        if (w.length() > 120) {
            w = w.substring(0, 120) + "...";
        }
        return new BadOutputFileException("cannot resume: " + file + " line " + line
                + " is not a mailtls.check/1 JSON line (" + w + ")");
    }
}
