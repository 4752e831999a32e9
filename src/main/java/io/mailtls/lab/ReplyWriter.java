package io.mailtls.lab;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

/**
 * Writes SMTP replies (RFC 5321 section 4.2: {@code code-text} continuation lines, then
 * {@code code text}), either whole or, for the {@code drip} scenario, one byte per write.
 */
final class ReplyWriter {

    private final OutputStream out;
    private final Duration dripDelay;

    /** A writer; {@code dripDelay} null writes each reply at once, otherwise one byte per delay. */
    ReplyWriter(OutputStream out, Duration dripDelay) {
        this.out = out;
        this.dripDelay = dripDelay;
    }

    /** A one-line reply. */
    void reply(int code, String text) throws IOException {
        reply(code, List.of(text));
    }

    /** A reply of one or more lines, all carrying {@code code}. */
    void reply(int code, List<String> lines) throws IOException {
        StringBuilder reply = new StringBuilder();
        for (int i = 0; i < lines.size(); i++) {
            reply.append(code).append(i + 1 < lines.size() ? '-' : ' ').append(lines.get(i)).append("\r\n");
        }
        write(reply.toString().getBytes(StandardCharsets.ISO_8859_1));
    }

    /** Raw bytes, paced like replies. */
    void write(byte[] bytes) throws IOException {
        if (dripDelay == null) {
            out.write(bytes);
            out.flush();
            return;
        }
        for (byte b : bytes) {
            out.write(b);
            out.flush();
            pause(dripDelay);
        }
    }

    /** Sleeps on the session's virtual thread; an interrupt (lab shutdown) ends the session. */
    static void pause(Duration delay) throws InterruptedIOException {
        try {
            Thread.sleep(delay);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("the lab is shutting down");
        }
    }
}
