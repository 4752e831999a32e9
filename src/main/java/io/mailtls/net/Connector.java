package io.mailtls.net;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;

/** Opens TCP connections within a step timeout cut to the target's deadline. */
public final class Connector {
    private Connector() {
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
