package io.mailtls.tls.probe;

import io.mailtls.tls.registry.CipherSuite;
import io.mailtls.tls.registry.CipherSuites;
import io.mailtls.tls.registry.NamedGroup;
import io.mailtls.tls.registry.NamedGroups;
import io.mailtls.tls.registry.ProtocolVersion;
import io.mailtls.tls.registry.SignatureScheme;
import io.mailtls.tls.registry.SignatureSchemes;
import io.mailtls.tls.wire.ClientHello;
import io.mailtls.tls.wire.ClientHelloBuilder;
import io.mailtls.tls.wire.ClientHelloEncoder;
import io.mailtls.tls.wire.Sslv2ClientHello;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The probes' ClientHellos. Every hello for TLS 1.2 and earlier also asks the questions that cost
 * nothing extra: the renegotiation SCSV (secure renegotiation), DEFLATE (compression) and heartbeat.
 */
final class HelloFactory {
    /** Curves for TLS 1.2 and earlier; FFDHE is left out so DHE shows the server's own parameters. */
    static final List<Integer> LEGACY_GROUPS = NamedGroups.all().stream()
            .filter(g -> g.kind() == NamedGroup.Kind.EC && g.code() <= 30).map(NamedGroup::code).toList();
    static final List<Integer> TLS13_GROUPS = NamedGroups.all().stream()
            .filter(NamedGroup::tls13).map(NamedGroup::code).toList();
    static final List<Integer> KEY_SHARE_GROUPS = List.of(NamedGroups.X25519, NamedGroups.SECP256R1);
    private static final List<Integer> SIGNATURES = SignatureSchemes.all().stream()
            .map(SignatureScheme::code).toList();
    private static final int RENEGOTIATION_SCSV = 0x00FF;
    private static final int DEFLATE = 1;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Optional<String> sni;

    HelloFactory(Optional<String> sni) {
        this.sni = sni;
    }

    /** A hello for SSLv3 to TLS 1.2 offering these suites and every curve. */
    byte[] legacy(ProtocolVersion version, List<Integer> suites) {
        return legacy(version, suites, LEGACY_GROUPS);
    }

    /** A hello for SSLv3 to TLS 1.2 offering these suites and these curves. */
    byte[] legacy(ProtocolVersion version, List<Integer> suites, List<Integer> groups) {
        List<Integer> offered = new ArrayList<>(suites);
        offered.add(RENEGOTIATION_SCSV);
        ClientHelloBuilder b = ClientHello.builder()
                .recordVersion(version == ProtocolVersion.SSL_3 ? 0x0300 : 0x0301)
                .legacyVersion(version.code())
                .cipherSuites(offered)
                .compressionMethods(List.of(DEFLATE, 0));
        // SSLv3-only servers predate extensions and may choke on them; the SCSV alone asks about renegotiation.
        if (version != ProtocolVersion.SSL_3) {
            sni.ifPresent(b::serverName);
            b.supportedGroups(groups).ecPointFormats();
            if (version == ProtocolVersion.TLS_1_2) {
                b.signatureAlgorithms(SIGNATURES);
            }
            b.heartbeat(1).padding(true);
        }
        return ClientHelloEncoder.records(b.build());
    }

    /**
     * A hello with no extensions at all, for old servers that hang up on any extension: the suites, the
     * renegotiation SCSV, and DEFLATE.
     */
    byte[] plain(ProtocolVersion version, List<Integer> suites) {
        List<Integer> offered = new ArrayList<>(suites);
        offered.add(RENEGOTIATION_SCSV);
        return ClientHelloEncoder.records(ClientHello.builder()
                .recordVersion(version == ProtocolVersion.SSL_3 ? 0x0300 : 0x0301)
                .legacyVersion(version.code())
                .cipherSuites(offered)
                .compressionMethods(List.of(DEFLATE, 0))
                .build());
    }

    /** A TLS 1.3-only hello; without key shares every answer names the server's group in a HelloRetryRequest. */
    byte[] tls13(List<Integer> suites, List<Integer> groups, boolean keyShares) {
        byte[] sessionId = new byte[32];
        RANDOM.nextBytes(sessionId);
        ClientHelloBuilder b = ClientHello.builder()
                .legacyVersion(0x0303)
                .sessionId(sessionId)
                .cipherSuites(suites);
        sni.ifPresent(b::serverName);
        b.supportedVersions(List.of(ProtocolVersion.TLS_1_3.code()))
                .supportedGroups(groups)
                .signatureAlgorithms(SIGNATURES);
        if (keyShares) {
            b.keySharesFor(KEY_SHARE_GROUPS.stream().filter(groups::contains).toList());
        } else {
            b.keyShares(List.of());
        }
        b.pskKeyExchangeModes(List.of(1)).padding(true);
        return ClientHelloEncoder.records(b.build());
    }

    /** A TLS 1.3 hello offering these suites, every TLS 1.3 group, and x25519 and secp256r1 key shares. */
    byte[] tls13(List<Integer> suites) {
        return tls13(suites, TLS13_GROUPS, true);
    }

    /** An SSLv2 CLIENT-HELLO offering every SSLv2 CIPHER-SPEC. */
    byte[] sslv2() {
        return Sslv2ClientHello.encode(CipherSuites.sslv2().stream().map(CipherSuite::code).toList());
    }
}
