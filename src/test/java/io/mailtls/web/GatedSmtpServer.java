package io.mailtls.web;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A tiny plaintext SMTP server on 127.0.0.1 that greets at once and then holds its EHLO reply until the test opens
 * the gate: a check against it is provably still running while the test looks at it. No STARTTLS.
 */
final class GatedSmtpServer implements AutoCloseable {
    private final ServerSocket server;
    private final CountDownLatch gate = new CountDownLatch(1);
    private final CountDownLatch greeted = new CountDownLatch(1);
    private final String banner;
    private final Thread acceptor;

    GatedSmtpServer(String banner) throws IOException {
        this.banner = banner;
        this.server = new ServerSocket(0, 16, InetAddress.getLoopbackAddress());
        this.acceptor = Thread.ofVirtual().name("gated-smtp").start(this::acceptLoop);
    }

    int port() {
        return server.getLocalPort();
    }

    /** Lets every held session go on. */
    void open() {
        gate.countDown();
    }

    /** Waits until some client got the greeting. */
    boolean awaitGreeted(long seconds) throws InterruptedException {
        return greeted.await(seconds, TimeUnit.SECONDS);
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket s = server.accept();
                Thread.ofVirtual().name("gated-smtp-session").start(() -> session(s));
            } catch (IOException e) {
                return;
            }
        }
    }

    private void session(Socket s) {
        try (s) {
            s.setSoTimeout(60_000);
            var in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.ISO_8859_1));
            OutputStream out = s.getOutputStream();
            write(out, "220 " + banner);
            greeted.countDown();
            String line;
            while ((line = in.readLine()) != null && line.length() < 1000) {
                String cmd = line.toUpperCase(java.util.Locale.ROOT);
                if (cmd.startsWith("EHLO") || cmd.startsWith("HELO")) {
                    if (!gate.await(60, TimeUnit.SECONDS)) {
                        return;
                    }
                    write(out, "250-gated.test greets you");
                    write(out, "250 8BITMIME");
                } else if (cmd.startsWith("QUIT")) {
                    write(out, "221 bye");
                    return;
                } else {
                    write(out, "502 5.5.1 not here");
                }
            }
        } catch (IOException | InterruptedException e) {
            // the client went away or the test ended
        }
    }

    private static void write(OutputStream out, String line) throws IOException {
        out.write((line + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
    }

    @Override
    public void close() throws IOException {
        gate.countDown();
        server.close();
        try {
            acceptor.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
