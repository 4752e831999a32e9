package io.mailtls.lab.record.sender;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import io.mailtls.lab.SessionRecord;
import io.mailtls.lab.record.ClientConduct;
import io.mailtls.lab.tls.TlsProfile;
import io.mailtls.tls.registry.CipherFlag;
import io.mailtls.tls.registry.CipherSuite;
import io.mailtls.tls.registry.CipherSuites;
import io.mailtls.tls.registry.ProtocolVersion;
import io.mailtls.tls.wire.ClientHelloInfo;
import io.mailtls.tls.wire.ClientHelloParse;

/** The weak things a sender's ClientHellos offer (old versions, weak suites, compression), as verdict phrases. */
final class WeakOffers {

    private WeakOffers() {
    }

    /** Weak things offered in any ClientHello, in a fixed order: versions first, then suites. */
    static List<String> of(List<SessionRecord> sessions) {
        Set<ProtocolVersion> versions = EnumSet.noneOf(ProtocolVersion.class);
        Set<CipherFlag> flags = EnumSet.noneOf(CipherFlag.class);
        boolean anyHello = false;
        boolean forwardSecret = true;
        boolean compression = false;
        boolean sslv2Format = false;
        for (SessionRecord s : sessions) {
            ClientConduct c = s.conduct();
            if (c.clientHello() instanceof ClientHelloParse.Malformed m && m.reason().startsWith("SSLv2")) {
                sslv2Format = true;
            }
            if (!(c.clientHello() instanceof ClientHelloParse.Parsed parsed)) {
                continue;
            }
            anyHello = true;
            ClientHelloInfo hello = parsed.hello();
            versions.addAll(explicitVersions(hello));
            List<CipherSuite> suites = hello.cipherSuites().stream().flatMap(code -> CipherSuites.byCode(code).stream())
                    .filter(suite -> !suite.has(CipherFlag.SCSV)).toList();
            suites.forEach(suite -> flags.addAll(suite.flags()));
            forwardSecret &= suites.stream().anyMatch(suite -> suite.has(CipherFlag.FS));
            compression |= hello.compressionMethods().stream().anyMatch(method -> method != 0);
        }
        List<String> weak = new ArrayList<>();
        if (sslv2Format) {
            weak.add("sends an SSLv2-format ClientHello");
        }
        Set<String> completed = new HashSet<>();
        boolean metLegacyOnly = false;
        for (SessionRecord s : sessions) {
            if (s.tls()) {
                completed.add(SenderVerdicts.protocolName(s.tlsProtocol()));
            }
            metLegacyOnly |= s.scenario().plan().tls() == TlsProfile.LEGACY_PROTOCOLS
                    && s.conduct().clientHello() instanceof ClientHelloParse.Parsed;
        }
        for (ProtocolVersion old : List.of(ProtocolVersion.SSL_3, ProtocolVersion.TLS_1_0, ProtocolVersion.TLS_1_1)) {
            if (versions.contains(old)) {
                // Listing a version is not accepting it (OpenSSL 3 lists TLS 1.0 but refuses it at its default
                // security level); a handshake on tls10-only tells which.
                String name = old.displayName();
                weak.add("offers " + name + (completed.contains(name) ? " and completed it"
                        : metLegacyOnly ? " but did not complete it on tls10-only" : ""));
            }
        }
        if (anyHello && !versions.contains(ProtocolVersion.TLS_1_3)) {
            weak.add("does not offer TLSv1.3");
        }
        if (flags.contains(CipherFlag.NULL)) {
            weak.add("offers NULL encryption");
        }
        if (flags.contains(CipherFlag.ANON)) {
            weak.add("offers anonymous suites");
        }
        if (flags.contains(CipherFlag.EXPORT)) {
            weak.add("offers export suites");
        }
        if (flags.contains(CipherFlag.RC4)) {
            weak.add("offers RC4");
        }
        if (flags.contains(CipherFlag.TRIPLE_DES)) {
            weak.add("offers 3DES");
        }
        if (anyHello && !forwardSecret) {
            weak.add("offers no forward-secret suite");
        }
        if (compression) {
            weak.add("offers TLS compression");
        }
        return weak;
    }

    /**
     * The versions a hello states: its supported_versions list, or else only client_version (the
     * highest it accepts; the lowest is not on the wire, so older versions are not assumed).
     */
    static Set<ProtocolVersion> explicitVersions(ClientHelloInfo hello) {
        Set<ProtocolVersion> versions = EnumSet.noneOf(ProtocolVersion.class);
        List<Integer> codes = hello.supportedVersions().isEmpty() ? List.of(hello.legacyVersion())
                : hello.supportedVersions();
        codes.forEach(code -> ProtocolVersion.fromCode(code).ifPresent(versions::add));
        return versions;
    }
}
