package io.mailtls.cert;

import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/** Turns a chain as the server sent it into {@link CertificateFacts}: validation plus name matching. */
public final class CertificateAnalyzer {
    private CertificateAnalyzer() {}

    /**
     * Analyses {@code chainAsSent} (leaf first; null or empty when the server sent none).
     *
     * @param expectedName the name the leaf must present (host name or IP address), or null for none
     */
    public static CertificateFacts analyze(List<X509Certificate> chainAsSent, String expectedName, TrustAnchors anchors,
            Instant now) {
        Objects.requireNonNull(anchors, "anchors");
        Objects.requireNonNull(now, "now");
        List<X509Certificate> sent = chainAsSent == null ? List.of() : chainAsSent;
        ChainValidation validation = ChainValidator.validate(sent, anchors, now);
        // Past the bound only the first certificates are described, so reports stay bounded too.
        List<CertificateInfo> infos = sent.stream().limit(ChainValidator.MAX_CHAIN_LENGTH).map(CertificateInfo::of).toList();
        NameMatch name = infos.isEmpty() || expectedName == null
                ? NameMatch.none(expectedName == null ? "no expected name" : "no certificate")
                : HostnameMatcher.match(expectedName, infos.getFirst());
        return new CertificateFacts(infos, validation.trusted(), name.matches(), validation, expectedName,
                name.matchedBy(), name.note(), now);
    }
}
