package io.mailtls.smtp;

import io.mailtls.net.Printable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntConsumer;

/**
 * Reads complete SMTP replies (RFC 5321 §4.2) from an untrusted stream, within hard limits.
 *
 * <p>Unlike a one-shot {@code recv()}, it only returns once the last line (code followed by a space or
 * the end of the line) has arrived, it insists that every line carries the same code, and it never
 * reads past the reply it returns unless the bytes were already in its buffer, which
 * {@link #takeBuffered()} hands over (a STARTTLS upgrade needs to know about them).
 */
public final class ReplyReader {
    /** RFC 5321 allows 512 octets per reply line; real servers send longer, so we allow four times that. */
    public static final int MAX_LINE = 2048;
    /** An EHLO reply rarely has more than 30 lines. */
    public static final int MAX_LINES = 100;

    private final InputStream in;
    private final IntConsumer soTimeout;
    private final byte[] buf = new byte[4096];
    private int pos;
    private int end;

    /**
     * @param in        the server's byte stream
     * @param soTimeout sets the socket read timeout in ms before each blocking read (so that a reply that
     *                  drips one byte at a time still ends at the reply's deadline)
     */
    public ReplyReader(InputStream in, IntConsumer soTimeout) {
        this.in = in;
        this.soTimeout = soTimeout;
    }

    /**
     * Reads one complete reply, taking at most {@code timeoutMillis} in total.
     *
     * @param lineSink receives each raw line (made printable) as soon as it is complete, for the transcript
     * @throws MalformedReplyException when the syntax or a limit is broken
     * @throws ReplyTimeoutException   when the reply is not complete in time
     * @throws EOFException            when the server closes the connection mid-reply or before it
     */
    public Reply read(long timeoutMillis, java.util.function.Consumer<String> lineSink) throws IOException {
        long deadline = System.nanoTime() + timeoutMillis * 1_000_000L;
        List<String> texts = new ArrayList<>();
        int code = -1;
        StringBuilder partial = new StringBuilder();
        while (true) {
            byte[] line = readLine(deadline, partial, texts);
            String raw = new String(line, StandardCharsets.UTF_8);
            String shown = Printable.of(raw);
            lineSink.accept(shown);
            partial.append(shown).append('\n');
            if (line.length < 3 || !isCode(line)) {
                throw new MalformedReplyException("reply line does not start with a three-digit code", shown);
            }
            int lineCode = (line[0] - '0') * 100 + (line[1] - '0') * 10 + (line[2] - '0');
            if (code >= 0 && lineCode != code) {
                throw new MalformedReplyException("multi-line reply mixes codes " + code + " and " + lineCode, shown);
            }
            code = lineCode;
            boolean last;
            if (line.length == 3) {
                last = true;
            } else if (line[3] == ' ') {
                last = true;
            } else if (line[3] == '-') {
                last = false;
            } else {
                throw new MalformedReplyException("bad separator after the reply code (expected space or '-')", shown);
            }
            texts.add(line.length > 4 ? Printable.of(raw.substring(4)) : "");
            if (last) {
                return new Reply(code, texts);
            }
            if (texts.size() >= MAX_LINES) {
                throw new MalformedReplyException("reply has more than " + MAX_LINES + " lines", shown);
            }
        }
    }

    private static boolean isCode(byte[] l) {
        return l[0] >= '2' && l[0] <= '5' && l[1] >= '0' && l[1] <= '9' && l[2] >= '0' && l[2] <= '9';
    }

    /** One line without its CRLF (or bare LF, which some servers send). */
    private byte[] readLine(long deadline, StringBuilder partial, List<String> texts) throws IOException {
        byte[] line = new byte[128];
        int n = 0;
        while (true) {
            if (pos == end) {
                fill(deadline, partial, line, n);
            }
            byte b = buf[pos++];
            if (b == '\n') {
                if (n > 0 && line[n - 1] == '\r') {
                    n--;
                }
                return java.util.Arrays.copyOf(line, n);
            }
            if (n >= MAX_LINE) {
                throw new MalformedReplyException("reply line longer than " + MAX_LINE + " bytes",
                        Printable.ofBytes(line, n, 120));
            }
            if (n == line.length) {
                line = java.util.Arrays.copyOf(line, Math.min(MAX_LINE + 1, n * 2));
            }
            line[n++] = b;
        }
    }

    private void fill(long deadline, StringBuilder partial, byte[] line, int n) throws IOException {
        long left = (deadline - System.nanoTime()) / 1_000_000L;
        String sofar = partial + Printable.ofBytes(line, n, 200);
        if (left <= 0) {
            throw new ReplyTimeoutException("reply not complete in time", sofar);
        }
        soTimeout.accept((int) Math.min(Integer.MAX_VALUE, left));
        int r;
        try {
            r = in.read(buf, 0, buf.length);
        } catch (SocketTimeoutException e) {
            throw new ReplyTimeoutException("no reply in time", sofar);
        }
        if (r < 0) {
            throw new EOFException(n == 0 && partial.isEmpty() ? "connection closed by the server"
                    : "connection closed in the middle of a reply: " + sofar);
        }
        pos = 0;
        end = r;
    }

    /** Returns and forgets the bytes read from the stream but not yet consumed by a reply. */
    public byte[] takeBuffered() {
        byte[] rest = java.util.Arrays.copyOfRange(buf, pos, end);
        pos = end;
        return rest;
    }
}
