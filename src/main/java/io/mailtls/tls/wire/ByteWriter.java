package io.mailtls.tls.wire;

import java.util.Arrays;

/** A growable buffer for encoding TLS structures, with back-patched length prefixes. */
final class ByteWriter {
    private byte[] buf = new byte[512];
    private int size;

    ByteWriter u8(int v) {
        ensure(1);
        buf[size++] = (byte) v;
        return this;
    }

    ByteWriter u16(int v) {
        return u8(v >>> 8).u8(v);
    }

    ByteWriter u24(int v) {
        return u8(v >>> 16).u8(v >>> 8).u8(v);
    }

    ByteWriter bytes(byte[] b) {
        ensure(b.length);
        System.arraycopy(b, 0, buf, size, b.length);
        size += b.length;
        return this;
    }

    /** Reserves a length prefix and returns its position, for {@link #endVector}. */
    int startVector(int lengthBytes) {
        int at = size;
        for (int i = 0; i < lengthBytes; i++) {
            u8(0);
        }
        return at;
    }

    /** Writes the length of everything written since {@link #startVector} into the reserved prefix. */
    void endVector(int at, int lengthBytes) {
        int length = size - at - lengthBytes;
        if (length >= 1 << (8 * lengthBytes)) {
            throw new IllegalArgumentException("vector of " + length + " bytes overflows a "
                    + lengthBytes + "-byte length");
        }
        for (int i = 0; i < lengthBytes; i++) {
            buf[at + i] = (byte) (length >>> (8 * (lengthBytes - 1 - i)));
        }
    }

    int size() {
        return size;
    }

    byte[] toByteArray() {
        return Arrays.copyOf(buf, size);
    }

    private void ensure(int n) {
        if (size + n > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, size + n));
        }
    }
}
