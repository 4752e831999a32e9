package io.mailtls.smtp;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;

/** Test input that hands out its bytes in fixed-size pieces, as a slow network would. */
final class ChunkedInputStream extends InputStream {
    private final ByteArrayInputStream in;
    private final int[] cuts;
    private int next;
    private int pos;

    /** Splits {@code data} at each offset in {@code cuts} (ascending). */
    ChunkedInputStream(byte[] data, int... cuts) {
        this.in = new ByteArrayInputStream(data);
        this.cuts = cuts;
    }

    @Override
    public int read() {
        int b = in.read();
        if (b >= 0) {
            pos++;
        }
        return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        while (next < cuts.length && cuts[next] <= pos) {
            next++;
        }
        int limit = next < cuts.length ? Math.min(len, cuts[next] - pos) : len;
        int n = in.read(b, off, limit);
        if (n > 0) {
            pos += n;
        }
        return n;
    }
}
