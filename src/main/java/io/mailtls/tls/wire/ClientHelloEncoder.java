package io.mailtls.tls.wire;

/** Encodes a {@link ClientHello} into its handshake message and into records ready for the socket. */
public final class ClientHelloEncoder {
    /** The largest plaintext fragment a record may carry (RFC 8446 section 5.1). */
    public static final int MAX_FRAGMENT = 1 << 14;

    private ClientHelloEncoder() {
    }

    /** The handshake message: type, three-byte length, body. */
    public static byte[] handshakeMessage(ClientHello hello) {
        ByteWriter w = new ByteWriter();
        w.u8(HandshakeType.CLIENT_HELLO);
        int body = w.startVector(3);
        w.u16(hello.legacyVersion());
        w.bytes(hello.random());
        int sid = w.startVector(1);
        w.bytes(hello.sessionId());
        w.endVector(sid, 1);
        int suites = w.startVector(2);
        hello.cipherSuites().forEach(w::u16);
        w.endVector(suites, 2);
        int compression = w.startVector(1);
        hello.compressionMethods().forEach(w::u8);
        w.endVector(compression, 1);
        if (!hello.extensions().isEmpty()) {
            int extensions = w.startVector(2);
            for (Extension e : hello.extensions()) {
                w.u16(e.type());
                int data = w.startVector(2);
                w.bytes(e.data());
                w.endVector(data, 2);
            }
            w.endVector(extensions, 2);
        }
        w.endVector(body, 3);
        return w.toByteArray();
    }

    /** The hello as handshake records, split at {@link #MAX_FRAGMENT} bytes. */
    public static byte[] records(ClientHello hello) {
        return Records.encode(ContentType.HANDSHAKE, hello.recordVersion(), handshakeMessage(hello));
    }
}
