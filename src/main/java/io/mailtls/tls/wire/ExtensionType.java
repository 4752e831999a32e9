package io.mailtls.tls.wire;

/** Hello extension types used by the probes (IANA "TLS ExtensionType Values"). */
public final class ExtensionType {
    public static final int SERVER_NAME = 0;
    public static final int STATUS_REQUEST = 5;
    public static final int SUPPORTED_GROUPS = 10;
    public static final int EC_POINT_FORMATS = 11;
    public static final int SIGNATURE_ALGORITHMS = 13;
    public static final int HEARTBEAT = 15;
    public static final int APPLICATION_LAYER_PROTOCOL_NEGOTIATION = 16;
    public static final int PADDING = 21;
    public static final int ENCRYPT_THEN_MAC = 22;
    public static final int EXTENDED_MASTER_SECRET = 23;
    public static final int SESSION_TICKET = 35;
    public static final int SUPPORTED_VERSIONS = 43;
    public static final int COOKIE = 44;
    public static final int PSK_KEY_EXCHANGE_MODES = 45;
    public static final int KEY_SHARE = 51;
    public static final int RENEGOTIATION_INFO = 0xFF01;

    private ExtensionType() {
    }
}
