package io.mailtls.tls.wire;

import io.mailtls.tls.registry.CipherSuites;
import io.mailtls.tls.registry.ProtocolVersion;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A parsed ServerHello or HelloRetryRequest, with the extensions a probe reads already decoded.
 *
 * @param legacyVersion      server_version / legacy_version
 * @param random             the 32-byte server random
 * @param sessionId          the echoed or new session id
 * @param cipherSuite        the chosen suite's code
 * @param compressionMethod  the chosen compression method
 * @param extensions         every extension, in the order received
 * @param supportedVersion   the supported_versions selection, if present
 * @param keyShareGroup      the key_share group (ServerHello) or selected_group (HelloRetryRequest)
 * @param renegotiationInfo  the renegotiation_info body, if present
 * @param heartbeatMode      the heartbeat mode, if present
 */
public record ServerHello(int legacyVersion, byte[] random, byte[] sessionId, int cipherSuite, int compressionMethod,
        List<Extension> extensions, OptionalInt supportedVersion, OptionalInt keyShareGroup,
        Optional<byte[]> renegotiationInfo, OptionalInt heartbeatMode) {

    /** SHA-256("HelloRetryRequest"): the random that marks a HelloRetryRequest (RFC 8446 section 4.1.3). */
    public static final byte[] HELLO_RETRY_REQUEST_RANDOM = HexFormat.of().parseHex(
            "cf21ad74e59a6111be1d8c021e65b891c2a211167abb8c5e079e09e2c8a8339c");

    public ServerHello {
        random = random.clone();
        sessionId = sessionId.clone();
        extensions = List.copyOf(extensions);
    }

    @Override
    public byte[] random() {
        return random.clone();
    }

    @Override
    public byte[] sessionId() {
        return sessionId.clone();
    }

    /** Whether this is a HelloRetryRequest. */
    public boolean isHelloRetryRequest() {
        return java.util.Arrays.equals(random, HELLO_RETRY_REQUEST_RANDOM);
    }

    /** The negotiated version code: supported_versions when present, else legacy_version. */
    public int version() {
        return supportedVersion.orElse(legacyVersion);
    }

    /** The negotiated version, if it is one we know. */
    public Optional<ProtocolVersion> protocol() {
        return ProtocolVersion.fromCode(version());
    }

    /** The chosen suite's IANA name, or its hex code. */
    public String cipherSuiteName() {
        return CipherSuites.nameOf(cipherSuite);
    }

    /** Whether an extension of this type was sent. */
    public boolean hasExtension(int type) {
        return extensions.stream().anyMatch(e -> e.type() == type);
    }

    /**
     * Secure renegotiation (RFC 5746): renegotiation_info present and, on a first handshake, empty.
     */
    public boolean secureRenegotiation() {
        return renegotiationInfo.map(b -> b.length == 1 && b[0] == 0).orElse(false);
    }
}
