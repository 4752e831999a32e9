package io.mailtls.tls.wire;

import java.util.Arrays;

/** A bounds-checked cursor over untrusted bytes; every read past the end is a {@link DecodeException}. */
final class ByteReader {
    private final byte[] data;
    private final int limit;
    private int position;

    ByteReader(byte[] data) {
        this(data, 0, data.length);
    }

    ByteReader(byte[] data, int offset, int length) {
        this.data = data;
        this.position = offset;
        this.limit = offset + length;
    }

    int remaining() {
        return limit - position;
    }

    boolean hasRemaining() {
        return position < limit;
    }

    int u8(String what) throws DecodeException {
        need(1, what);
        return data[position++] & 0xFF;
    }

    int u16(String what) throws DecodeException {
        need(2, what);
        int v = (data[position] & 0xFF) << 8 | data[position + 1] & 0xFF;
        position += 2;
        return v;
    }

    int u24(String what) throws DecodeException {
        need(3, what);
        int v = (data[position] & 0xFF) << 16 | (data[position + 1] & 0xFF) << 8 | data[position + 2] & 0xFF;
        position += 3;
        return v;
    }

    byte[] bytes(int n, String what) throws DecodeException {
        need(n, what);
        byte[] out = Arrays.copyOfRange(data, position, position + n);
        position += n;
        return out;
    }

    /** A sub-reader over a vector with a one-, two- or three-byte length prefix. */
    ByteReader vector(int lengthBytes, String what) throws DecodeException {
        int n = switch (lengthBytes) {
            case 1 -> u8(what + " length");
            case 2 -> u16(what + " length");
            case 3 -> u24(what + " length");
            default -> throw new IllegalArgumentException("length prefix of " + lengthBytes + " bytes");
        };
        need(n, what);
        ByteReader sub = new ByteReader(data, position, n);
        position += n;
        return sub;
    }

    /** The bytes of a length-prefixed vector. */
    byte[] vectorBytes(int lengthBytes, String what) throws DecodeException {
        ByteReader v = vector(lengthBytes, what);
        return v.bytes(v.remaining(), what);
    }

    void expectEnd(String what) throws DecodeException {
        if (hasRemaining()) {
            throw new DecodeException(remaining() + " trailing bytes after " + what);
        }
    }

    private void need(int n, String what) throws DecodeException {
        if (n < 0 || n > limit - position) {
            throw new DecodeException(what + ": needs " + n + " bytes, " + (limit - position) + " left");
        }
    }
}
