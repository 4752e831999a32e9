package io.mailtls.smtp;

import io.mailtls.net.Deadline;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * One SMTP client conversation over a socket that may be upgraded to TLS midway.
 *
 * <p>Every command waits for the complete previous reply (no pipelining: Exim and others punish it), every
 * read is bounded by the per-step timeout and the target's deadline, and every line goes to the transcript.
 */
public final class SmtpSession {
    private Socket socket;
    private ReplyReader reader;
    private OutputStream out;
    private final Transcript transcript;
    private final Duration step;
    private final Deadline deadline;

    public SmtpSession(Socket socket, Transcript transcript, Duration step, Deadline deadline) throws IOException {
        this.transcript = transcript;
        this.step = step;
        this.deadline = deadline;
        attach(socket);
    }

    private void attach(Socket s) throws IOException {
        this.socket = s;
        this.reader = new ReplyReader(s.getInputStream(), ms -> {
            try {
                s.setSoTimeout(ms);
            } catch (SocketException ignored) {
                // a closed socket fails the read that follows, with a clearer error
            }
        });
        this.out = s.getOutputStream();
    }

    /** Reads one reply within the step timeout (cut to the deadline). */
    public Reply read() throws IOException {
        return reader.read(deadline.stepMillis(step), transcript::server);
    }

    /** Reads one reply allowing up to {@code limit} (greetings may be slow on purpose). */
    public Reply read(Duration limit) throws IOException {
        return reader.read(deadline.stepMillis(limit), transcript::server);
    }

    /** Sends one command line and returns its complete reply. */
    public Reply command(String line) throws IOException {
        send(line);
        return read();
    }

    /** Sends one command line without reading. */
    public void send(String line) throws IOException {
        if (line.indexOf('\r') >= 0 || line.indexOf('\n') >= 0) {
            throw new IllegalArgumentException("command contains a line break");
        }
        transcript.client(line);
        out.write((line + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    /** Sends raw bytes (several commands at once, for the injection probe); the transcript shows each line. */
    public void sendRaw(String lines) throws IOException {
        for (String l : lines.split("\r\n")) {
            transcript.client(l);
        }
        out.write(lines.getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    /** Bytes the server sent after the last complete reply (a STARTTLS 220 must not be followed by any). */
    public byte[] takeBuffered() {
        return reader.takeBuffered();
    }

    /** Continues the conversation over {@code upgraded} (the TLS socket layered on the old one). */
    public void upgrade(Socket upgraded) throws IOException {
        attach(upgraded);
    }

    public Socket socket() {
        return socket;
    }

    public Transcript transcript() {
        return transcript;
    }

    public Deadline deadline() {
        return deadline;
    }

    public Duration step() {
        return step;
    }
}
