package io.mailtls.tls.probe;

import io.mailtls.tls.registry.CipherFlag;
import io.mailtls.tls.registry.CipherSuite;
import io.mailtls.tls.registry.CipherSuites;
import io.mailtls.tls.registry.ProtocolVersion;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

/**
 * Which suites to offer for a version, in which order. Mainstream suites come first so they share
 * the first hello of 128; the exotic ones (PSK, SRP, Kerberos, GOST, static DH) fill later hellos.
 */
final class Candidates {
    private static final Set<String> MAINSTREAM_KX = Set.of("ECDHE", "DHE", "RSA", "DH", "ECDH");
    private static final Set<String> MAINSTREAM_AUTH = Set.of("RSA", "ECDSA", "DSS", "anon");

    private Candidates() {
    }

    /**
     * Suites to offer: for TLS 1.3 its own suites; for SSLv3 to TLS 1.2 every suite that exists at that
     * version, including those a later RFC forbids there (export in TLS 1.1), since servers still pick them.
     */
    static List<Integer> forVersion(ProtocolVersion version) {
        return CipherSuites.all().stream()
                .filter(s -> !s.isSslv2() && !s.has(CipherFlag.SCSV))
                .filter(s -> version == ProtocolVersion.TLS_1_3
                        ? s.definedFor(ProtocolVersion.TLS_1_3)
                        : s.minProtocol().compareTo(version) <= 0 && s.maxProtocol() != ProtocolVersion.TLS_1_3)
                .sorted(Comparator.comparingInt(Candidates::rank).thenComparing(Candidates::strength))
                .map(CipherSuite::code)
                .toList();
    }

    private static int rank(CipherSuite s) {
        if (s.has(CipherFlag.NONSTANDARD) || s.keyExchange().equals("GOST") || s.keyExchange().equals("ECCPWD")) {
            return 3;
        }
        boolean staticDh = (s.keyExchange().equals("DH") || s.keyExchange().equals("ECDH"))
                && !s.authentication().equals("anon");
        if (staticDh) {
            return 2;
        }
        return MAINSTREAM_KX.contains(s.keyExchange()) && MAINSTREAM_AUTH.contains(s.authentication()) ? 0 : 1;
    }

    /** Strong first, so a server that follows the client's order picks what a modern client would. */
    private static int strength(CipherSuite s) {
        int score = 0;
        score -= s.has(CipherFlag.FS) ? 1000 : 0;
        score -= s.mac().equals("AEAD") ? 500 : 0;
        score -= s.bits();
        score += s.has(CipherFlag.NULL) || s.has(CipherFlag.EXPORT) ? 2000 : 0;
        return score;
    }

    /**
     * Deals the items into at most {@code lanes} lists like cards (item i to lane i mod n), so the common ones at
     * the head of a list spread over the lanes that are then driven side by side.
     */
    static List<List<Integer>> deal(List<Integer> items, int lanes) {
        List<List<Integer>> dealt = new ArrayList<>();
        for (int i = 0; i < Math.min(Math.max(1, lanes), items.size()); i++) {
            dealt.add(new ArrayList<>());
        }
        for (int i = 0; i < items.size(); i++) {
            dealt.get(i % dealt.size()).add(items.get(i));
        }
        return dealt;
    }
}
