package io.mailtls.tls.jsse;

import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketAddress;
import java.net.SocketException;

/**
 * A socket that passes everything through to another one but keeps a bounded copy of the bytes it receives.
 *
 * <p>The JDK's TLS socket, layered on this one, reads the server's handshake through it, so we can see what the
 * JDK does not tell: the first bytes (not TLS at all?), the alert, the negotiated key-exchange group.
 */
final class TeeSocket extends Socket {
    private final Socket inner;
    private final ByteArrayOutputStream copy = new ByteArrayOutputStream();
    private final int limit;
    private volatile boolean copying = true;
    private final InputStream in;

    TeeSocket(Socket inner, byte[] alreadyRead, int limit) throws IOException {
        this.inner = inner;
        this.limit = limit;
        InputStream base = inner.getInputStream();
        if (alreadyRead.length > 0) {
            base = new java.io.SequenceInputStream(new java.io.ByteArrayInputStream(alreadyRead), base);
        }
        this.in = new FilterInputStream(base) {
            @Override
            public int read() throws IOException {
                int b = super.read();
                if (b >= 0) {
                    keep(new byte[] {(byte) b}, 0, 1);
                }
                return b;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                int n = super.read(b, off, len);
                if (n > 0) {
                    keep(b, off, n);
                }
                return n;
            }
        };
    }

    private synchronized void keep(byte[] b, int off, int n) {
        if (copying) {
            copy.write(b, off, Math.min(n, Math.max(0, limit - copy.size())));
        }
    }

    /** Stops copying (after the handshake: application data is none of our business). */
    void stopCopying() {
        copying = false;
    }

    synchronized byte[] received() {
        return copy.toByteArray();
    }

    @Override
    public InputStream getInputStream() {
        return in;
    }

    @Override
    public OutputStream getOutputStream() throws IOException {
        return inner.getOutputStream();
    }

    @Override
    public synchronized void close() throws IOException {
        inner.close();
    }

    @Override
    public boolean isConnected() {
        return inner.isConnected();
    }

    @Override
    public boolean isClosed() {
        return inner.isClosed();
    }

    @Override
    public boolean isInputShutdown() {
        return inner.isInputShutdown();
    }

    @Override
    public boolean isOutputShutdown() {
        return inner.isOutputShutdown();
    }

    @Override
    public void shutdownInput() throws IOException {
        inner.shutdownInput();
    }

    @Override
    public void shutdownOutput() throws IOException {
        inner.shutdownOutput();
    }

    @Override
    public synchronized void setSoTimeout(int timeout) throws SocketException {
        inner.setSoTimeout(timeout);
    }

    @Override
    public synchronized int getSoTimeout() throws SocketException {
        return inner.getSoTimeout();
    }

    @Override
    public InetAddress getInetAddress() {
        return inner.getInetAddress();
    }

    @Override
    public InetAddress getLocalAddress() {
        return inner.getLocalAddress();
    }

    @Override
    public int getPort() {
        return inner.getPort();
    }

    @Override
    public int getLocalPort() {
        return inner.getLocalPort();
    }

    @Override
    public SocketAddress getRemoteSocketAddress() {
        return inner.getRemoteSocketAddress();
    }

    @Override
    public SocketAddress getLocalSocketAddress() {
        return inner.getLocalSocketAddress();
    }

    @Override
    public void setTcpNoDelay(boolean on) throws SocketException {
        inner.setTcpNoDelay(on);
    }

    @Override
    public boolean getTcpNoDelay() throws SocketException {
        return inner.getTcpNoDelay();
    }
}
