package io.mailtls.tls.wire;

import java.util.List;

/**
 * A ClientHello as it will be (or was) sent: every field explicit, so a probe can say anything,
 * including what no well-behaved client would.
 *
 * @param recordVersion      the version in the record header
 * @param legacyVersion      client_version (the highest version for TLS 1.2 and lower)
 * @param random             the 32-byte client random
 * @param sessionId          legacy_session_id, 0 to 32 bytes
 * @param cipherSuites       two-byte suite codes, in the client's order of preference
 * @param compressionMethods compression method codes (0 = null, 1 = DEFLATE)
 * @param extensions         extensions in order; empty means the extensions block is omitted
 */
public record ClientHello(int recordVersion, int legacyVersion, byte[] random, byte[] sessionId,
        List<Integer> cipherSuites, List<Integer> compressionMethods, List<Extension> extensions) {

    public ClientHello {
        if (random.length != 32) {
            throw new IllegalArgumentException("random must be 32 bytes, got " + random.length);
        }
        if (sessionId.length > 32) {
            throw new IllegalArgumentException("session id longer than 32 bytes");
        }
        random = random.clone();
        sessionId = sessionId.clone();
        cipherSuites = List.copyOf(cipherSuites);
        compressionMethods = List.copyOf(compressionMethods);
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

    /** A builder with TLS 1.2 defaults, a fresh random and no extensions. */
    public static ClientHelloBuilder builder() {
        return new ClientHelloBuilder();
    }
}
