package io.mailtls.net;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;

/** Opens TCP connections within a step timeout cut to the target's deadline. */
public final class Connector {
    private Connector() {
    }

    /**
     * Closes our side, then waits (at most {@code max}, draining at most 64 KiB) until the server closes its side,
     * and closes the socket. Whoever opens the next connection to the same server right after this then never
     * has one more open than allowed from the server's point of view, where a connection lasts until it has
     * seen our close. Never throws: a server that is gone or slow to close is closed on.
     */
    public static void hangUp(Socket s, Duration max) {
        try (s) {
            if (!s.isClosed() && s.isConnected()) {
                s.shutdownOutput();
                s.setSoTimeout((int) Math.max(1, Math.min(Integer.MAX_VALUE, max.toMillis())));
                InputStream in = s.getInputStream();
                byte[] sink = new byte[4096];
                for (int total = 0, n; total < 65_536 && (n = in.read(sink)) >= 0; ) {
                    total += n;
                }
            }
        } catch (IOException | RuntimeException e) {
            // Closed on: the server had gone, was slow, or the socket never got as far as reading.
        }
    }

    /** Connects to {@code to}; the caller owns (and closes) the socket. */
    public static Socket open(InetSocketAddress to, Deadline deadline, Duration step) throws IOException {
        Socket s = new Socket();
        try {
            s.connect(to, deadline.stepMillis(step));
            s.setTcpNoDelay(true);
            return s;
        } catch (IOException e) {
            s.close();
            throw e;
        }
    }
}
