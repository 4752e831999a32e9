package io.mailtls.tls.wire;

import io.mailtls.net.Deadline;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;

/** Where a reader gets its bytes: a socket under a deadline, or a buffer in tests. */
interface ByteSource {

    /** Reads up to len bytes; -1 at end of stream; {@link SocketTimeoutException} when time is up. */
    int read(byte[] b, int off, int len) throws IOException;

    /** Bytes readable without blocking (used only to grab evidence). */
    int available() throws IOException;

    static ByteSource of(InputStream in) {
        return new ByteSource() {
            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                return in.read(b, off, len);
            }

            @Override
            public int available() throws IOException {
                return in.available();
            }
        };
    }

    /** Every read is bounded by what is left of the deadline, so a drip-feeding server cannot stall us. */
    static ByteSource of(Socket socket, Deadline deadline) throws IOException {
        InputStream in = socket.getInputStream();
        return new ByteSource() {
            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                int millis = deadline.remainingMillis();
                if (millis <= 0) {
                    throw new SocketTimeoutException("deadline passed");
                }
                socket.setSoTimeout(millis);
                return in.read(b, off, len);
            }

            @Override
            public int available() throws IOException {
                return in.available();
            }
        };
    }
}
