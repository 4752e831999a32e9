package io.mailtls.lab;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Reads SMTP lines from an untrusted peer with a hard length limit. A line ends at LF (a CR
 * before it is dropped); its bytes are kept one-to-one as ISO-8859-1 characters. The reader's
 * unread buffer can be taken, which is how STARTTLS sees plaintext pipelined behind it.
 */
final class LineReader {

    /** One read: a line, a line over the limit (its bytes were skipped), or the end of the stream. */
    sealed interface Result permits Line, TooLong, End {
    }

    /** A complete line without its line end. */
    record Line(String text) implements Result {
    }

    /** A line longer than the limit; {@code length} counts its bytes including the LF. */
    record TooLong(long length) implements Result {
    }

    /** The peer closed its side. */
    record End() implements Result {
    }

    private static final int BUFFER = 8 * 1024;

    private final InputStream in;
    private byte[] buffer = new byte[BUFFER];
    private int start;
    private int end;

    LineReader(InputStream in) {
        this(in, new byte[0]);
    }

    /** A reader that first returns {@code pending}, then reads from {@code in}. */
    LineReader(InputStream in, byte[] pending) {
        this.in = in;
        if (pending.length > buffer.length) {
            buffer = Arrays.copyOf(pending, pending.length);
        } else {
            System.arraycopy(pending, 0, buffer, 0, pending.length);
        }
        end = pending.length;
    }

    /** Reads the next line of at most {@code maxLength} bytes counting its line end (CRLF or LF). */
    Result read(int maxLength) throws IOException {
        StringBuilder line = new StringBuilder();
        long length = 0;
        while (true) {
            for (int i = start; i < end; i++) {
                if (buffer[i] == '\n') {
                    length += append(line, i, maxLength, length) + 1;
                    start = i + 1;
                    if (length > maxLength) {
                        return new TooLong(length);
                    }
                    int size = line.length();
                    if (size > 0 && line.charAt(size - 1) == '\r') {
                        line.setLength(size - 1);
                    }
                    return new Line(line.toString());
                }
            }
            length += append(line, end, maxLength, length);
            start = end;
            if (!fill()) {
                return new End();
            }
        }
    }

    /** Removes and returns the bytes read from the peer but not yet consumed as lines. */
    byte[] takeBuffered() {
        byte[] pending = Arrays.copyOfRange(buffer, start, end);
        start = 0;
        end = 0;
        return pending;
    }

    /** Appends buffer[start, upTo) to {@code line} while the line still fits; returns the byte count seen. */
    private int append(StringBuilder line, int upTo, int maxLength, long lengthSoFar) {
        int count = upTo - start;
        // Memory stays bounded by the limit however long the peer's line is.
        long room = maxLength - lengthSoFar;
        if (room > 0) {
            int keep = (int) Math.min(room, count);
            line.append(new String(buffer, start, keep, StandardCharsets.ISO_8859_1));
        }
        return count;
    }

    private boolean fill() throws IOException {
        start = 0;
        end = 0;
        int n = in.read(buffer, 0, buffer.length);
        if (n < 0) {
            return false;
        }
        end = n;
        return true;
    }
}
