package io.mailtls.tls.wire;

/** The TLS record layer for plaintext records (RFC 8446 section 5.1). */
public final class Records {
    /** The largest record body we accept from a peer: 2^14 plus the 2048 bytes RFC 5246 allows for expansion. */
    public static final int MAX_RECORD_LENGTH = (1 << 14) + 2048;

    private Records() {
    }

    /** Wraps a payload into as many records of this type as its length needs. */
    public static byte[] encode(int contentType, int version, byte[] payload) {
        ByteWriter w = new ByteWriter();
        int offset = 0;
        do {
            int n = Math.min(ClientHelloEncoder.MAX_FRAGMENT, payload.length - offset);
            w.u8(contentType).u16(version).u16(n);
            byte[] chunk = new byte[n];
            System.arraycopy(payload, offset, chunk, 0, n);
            w.bytes(chunk);
            offset += n;
        } while (offset < payload.length);
        return w.toByteArray();
    }
}
