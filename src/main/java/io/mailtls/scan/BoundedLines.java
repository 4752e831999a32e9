package io.mailtls.scan;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * Reads lines from a stream without trusting it: a line longer than the limit is cut (the rest skipped up to its
 * end) and flagged, bytes that are not UTF-8 become U+FFFD, and both {@code \n} and {@code \r\n} end a line.
 */
final class BoundedLines {
    /** One line: its number (from 1), its text without the line end, and whether it was cut. */
    record Line(long number, String text, boolean truncated) {
    }

    private final InputStream in;
    private final int maxBytes;
    private final byte[] buffer = new byte[1 << 16];
    private int pos;
    private int end;
    private long number;

    BoundedLines(InputStream in, int maxBytes) {
        this.in = in;
        this.maxBytes = maxBytes;
    }

    /** The next line, or null at the end of the stream (a last line without a line end still counts). */
    Line next() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream(128);
        boolean truncated = false;
        boolean any = false;
        while (true) {
            if (pos == end) {
                end = in.read(buffer);
                pos = 0;
                if (end <= 0) {
                    end = 0;
                    if (!any) {
                        return null;
                    }
                    break;
                }
            }
            any = true;
            int start = pos;
            while (pos < end && buffer[pos] != '\n') {
                pos++;
            }
            int room = maxBytes - line.size();
            int take = Math.min(pos - start, Math.max(room, 0));
            line.write(buffer, start, take);
            if (take < pos - start) {
                truncated = true;
            }
            if (pos < end) {
                pos++; // the '\n'
                break;
            }
        }
        number++;
        byte[] bytes = line.toByteArray();
        int len = bytes.length;
        if (len > 0 && bytes[len - 1] == '\r' && !truncated) {
            len--;
        }
        return new Line(number, new String(bytes, 0, len, StandardCharsets.UTF_8), truncated);
    }
}
