package io.mailtls.tls.probe;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A loopback TCP server that answers each connection with bytes chosen by a handler, for behaviours
 * no real server here can show (SSLv2, compression, a suite never offered). Tracks concurrency.
 */
final class CannedServer implements AutoCloseable {

    /** Decides the answer to one client's first message; null to say nothing and wait for the client to leave. */
    @FunctionalInterface
    interface Handler {
        byte[] answer(byte[] hello) throws Exception;
    }

    /** What the server says and reads before the client's hello (a plaintext dialog like SMTP's). */
    @FunctionalInterface
    interface Prelude {
        void run(Socket socket) throws Exception;
    }

    private final ServerSocket server;
    private final AtomicInteger active = new AtomicInteger();
    private final AtomicInteger maxActive = new AtomicInteger();
    private final AtomicInteger accepted = new AtomicInteger();

    CannedServer(Handler handler) throws IOException {
        this(socket -> { }, handler);
    }

    CannedServer(Prelude prelude, Handler handler) throws IOException {
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread.ofVirtual().start(() -> {
            while (!server.isClosed()) {
                try {
                    Socket s = server.accept();
                    accepted.incrementAndGet();
                    Thread.ofVirtual().start(() -> serve(s, prelude, handler));
                } catch (IOException e) {
                    return;
                }
            }
        });
    }

    private void serve(Socket s, Prelude prelude, Handler handler) {
        int now = active.incrementAndGet();
        maxActive.accumulateAndGet(now, Math::max);
        boolean counted = true;
        try (s) {
            s.setSoTimeout(5000);
            prelude.run(s);
            byte[] answer = handler.answer(readHello(s.getInputStream()));
            if (answer == null) {
                s.getInputStream().read();
                return;
            }
            // Leave the count before answering: the client may open its next connection the moment it reads.
            active.decrementAndGet();
            counted = false;
            s.getOutputStream().write(answer);
            s.getOutputStream().flush();
        } catch (Exception e) {
            // The client hung up or sent garbage: nothing to answer.
        } finally {
            if (counted) {
                active.decrementAndGet();
            }
        }
    }

    /** Reads one TLS record (or one SSLv2 message) from the client. */
    static byte[] readHello(InputStream in) throws IOException {
        DataInputStream data = new DataInputStream(in);
        int b0 = data.readUnsignedByte();
        int b1 = data.readUnsignedByte();
        if ((b0 & 0x80) != 0) {
            byte[] body = new byte[(b0 & 0x7F) << 8 | b1];
            data.readFully(body);
            byte[] out = new byte[body.length + 2];
            out[0] = (byte) b0;
            out[1] = (byte) b1;
            System.arraycopy(body, 0, out, 2, body.length);
            return out;
        }
        byte[] rest = new byte[3];
        data.readFully(rest);
        byte[] out = new byte[5 + ((rest[1] & 0xFF) << 8 | rest[2] & 0xFF)];
        out[0] = (byte) b0;
        out[1] = (byte) b1;
        System.arraycopy(rest, 0, out, 2, 3);
        data.readFully(out, 5, out.length - 5);
        return out;
    }

    int port() {
        return server.getLocalPort();
    }

    int maxActive() {
        return maxActive.get();
    }

    int active() {
        return active.get();
    }

    int accepted() {
        return accepted.get();
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
