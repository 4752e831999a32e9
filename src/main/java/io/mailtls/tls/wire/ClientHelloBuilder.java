package io.mailtls.tls.wire;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;

/** Assembles a {@link ClientHello}; extensions appear on the wire in the order they were added. */
public final class ClientHelloBuilder {
    private static final SecureRandom RANDOM = new SecureRandom();

    private int recordVersion = 0x0301;
    private int legacyVersion = 0x0303;
    private byte[] random;
    private byte[] sessionId = new byte[0];
    private List<Integer> cipherSuites = List.of();
    private List<Integer> compressionMethods = List.of(0);
    private final List<Extension> extensions = new ArrayList<>();
    private boolean padding;

    ClientHelloBuilder() {
        random = new byte[32];
        RANDOM.nextBytes(random);
    }

    /** The version in the record header (0x0301 is what most clients send, RFC 8446 section 5.1). */
    public ClientHelloBuilder recordVersion(int version) {
        this.recordVersion = version;
        return this;
    }

    /** client_version: the highest version offered up to TLS 1.2, 0x0303 when TLS 1.3 is offered. */
    public ClientHelloBuilder legacyVersion(int version) {
        this.legacyVersion = version;
        return this;
    }

    public ClientHelloBuilder random(byte[] random) {
        this.random = random.clone();
        return this;
    }

    public ClientHelloBuilder sessionId(byte[] sessionId) {
        this.sessionId = sessionId.clone();
        return this;
    }

    public ClientHelloBuilder cipherSuites(List<Integer> suites) {
        this.cipherSuites = List.copyOf(suites);
        return this;
    }

    public ClientHelloBuilder compressionMethods(List<Integer> methods) {
        this.compressionMethods = List.copyOf(methods);
        return this;
    }

    /** server_name with one host_name entry (RFC 6066 section 3). */
    public ClientHelloBuilder serverName(String host) {
        byte[] name = host.getBytes(StandardCharsets.US_ASCII);
        ByteWriter w = new ByteWriter();
        int list = w.startVector(2);
        w.u8(0);
        int entry = w.startVector(2);
        w.bytes(name);
        w.endVector(entry, 2);
        w.endVector(list, 2);
        return extension(ExtensionType.SERVER_NAME, w.toByteArray());
    }

    /** supported_versions as a client sends it: a one-byte-length list of two-byte versions. */
    public ClientHelloBuilder supportedVersions(List<Integer> versions) {
        return extension(ExtensionType.SUPPORTED_VERSIONS, u16List(versions, 1));
    }

    public ClientHelloBuilder supportedGroups(List<Integer> groups) {
        return extension(ExtensionType.SUPPORTED_GROUPS, u16List(groups, 2));
    }

    public ClientHelloBuilder signatureAlgorithms(List<Integer> schemes) {
        return extension(ExtensionType.SIGNATURE_ALGORITHMS, u16List(schemes, 2));
    }

    /** key_share with these entries; an empty list asks the server for a HelloRetryRequest. */
    public ClientHelloBuilder keyShares(List<KeyShareEntry> entries) {
        ByteWriter w = new ByteWriter();
        int list = w.startVector(2);
        for (KeyShareEntry e : entries) {
            w.u16(e.group());
            int kx = w.startVector(2);
            w.bytes(e.keyExchange());
            w.endVector(kx, 2);
        }
        w.endVector(list, 2);
        return extension(ExtensionType.KEY_SHARE, w.toByteArray());
    }

    /** key_share with fresh JDK keys for those groups the JDK can generate; others are left out. */
    public ClientHelloBuilder keySharesFor(List<Integer> groups) {
        return keyShares(groups.stream().flatMap(g -> KeyShares.generate(g).stream()).toList());
    }

    /** psk_key_exchange_modes (1 = psk_dhe_ke), which TLS 1.3 servers expect beside key_share. */
    public ClientHelloBuilder pskKeyExchangeModes(List<Integer> modes) {
        ByteWriter w = new ByteWriter();
        int list = w.startVector(1);
        modes.forEach(w::u8);
        w.endVector(list, 1);
        return extension(ExtensionType.PSK_KEY_EXCHANGE_MODES, w.toByteArray());
    }

    /** ec_point_formats offering uncompressed points only (RFC 8422 section 5.1.2). */
    public ClientHelloBuilder ecPointFormats() {
        return extension(ExtensionType.EC_POINT_FORMATS, new byte[] {1, 0});
    }

    /** An empty renegotiation_info: a first handshake that supports secure renegotiation (RFC 5746). */
    public ClientHelloBuilder renegotiationInfo() {
        return extension(ExtensionType.RENEGOTIATION_INFO, new byte[] {0});
    }

    /** heartbeat with a mode: 1 = peer_allowed_to_send, 2 = peer_not_allowed_to_send (RFC 6520). */
    public ClientHelloBuilder heartbeat(int mode) {
        return extension(ExtensionType.HEARTBEAT, new byte[] {(byte) mode});
    }

    public ClientHelloBuilder extendedMasterSecret() {
        return extension(ExtensionType.EXTENDED_MASTER_SECRET, new byte[0]);
    }

    /** application_layer_protocol_negotiation with these protocol names (RFC 7301). */
    public ClientHelloBuilder alpn(List<String> protocols) {
        ByteWriter w = new ByteWriter();
        int list = w.startVector(2);
        for (String p : protocols) {
            int name = w.startVector(1);
            w.bytes(p.getBytes(StandardCharsets.US_ASCII));
            w.endVector(name, 1);
        }
        w.endVector(list, 2);
        return extension(ExtensionType.APPLICATION_LAYER_PROTOCOL_NEGOTIATION, w.toByteArray());
    }

    /** Any extension, raw. */
    public ClientHelloBuilder extension(int type, byte[] data) {
        extensions.add(new Extension(type, data));
        return this;
    }

    /**
     * Pad hellos of 256 to 511 bytes up to 512 (RFC 7685): some load balancers hang on that size,
     * which a probe would otherwise misread as "not supported".
     */
    public ClientHelloBuilder padding(boolean on) {
        this.padding = on;
        return this;
    }

    public ClientHello build() {
        ClientHello hello = new ClientHello(recordVersion, legacyVersion, random, sessionId, cipherSuites,
                compressionMethods, extensions);
        if (!padding) {
            return hello;
        }
        int size = ClientHelloEncoder.handshakeMessage(hello).length + (extensions.isEmpty() ? 2 : 0);
        if (size < 256 || size >= 512) {
            return hello;
        }
        List<Extension> padded = new ArrayList<>(extensions);
        padded.add(new Extension(ExtensionType.PADDING, new byte[Math.max(0, 512 - size - 4)]));
        return new ClientHello(recordVersion, legacyVersion, random, sessionId, cipherSuites, compressionMethods,
                padded);
    }

    private static byte[] u16List(List<Integer> values, int lengthBytes) {
        ByteWriter w = new ByteWriter();
        int list = w.startVector(lengthBytes);
        values.forEach(w::u16);
        w.endVector(list, lengthBytes);
        return w.toByteArray();
    }
}
