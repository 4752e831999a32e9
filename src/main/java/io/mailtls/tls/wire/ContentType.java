package io.mailtls.tls.wire;

/** TLS record content types (RFC 8446 section 5.1, RFC 6520). */
public final class ContentType {
    public static final int CHANGE_CIPHER_SPEC = 20;
    public static final int ALERT = 21;
    public static final int HANDSHAKE = 22;
    public static final int APPLICATION_DATA = 23;
    public static final int HEARTBEAT = 24;

    private ContentType() {
    }
}
