package io.mailtls.cert;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What was learned about an endpoint's certificate chain: the certificates as sent, whether the
 * chain is trusted and why, and whether the leaf matches the expected name.
 *
 * <p>JSON shows it as {@code certificate: {chain: [...], trusted, name_matches}} (contract).
 *
 * @param chain        the certificates as sent, leaf first (at most {@link ChainValidator#MAX_CHAIN_LENGTH})
 * @param trusted      mirrors {@code validation.trusted()}
 * @param nameMatches  true when the leaf presents {@code expectedName}
 * @param validation   the chain validation, with its reason and order facts
 * @param expectedName the reference name the leaf must match, or null when none was given
 * @param matchedBy    the identifier that matched ({@code DNS:...}, {@code IP:...}, {@code CN:...}), or null
 * @param nameNote     a remark about the match (CN fallback, IP reference), or ""
 * @param now          the instant the chain was judged at
 */
public record CertificateFacts(
        List<CertificateInfo> chain,
        boolean trusted,
        boolean nameMatches,
        ChainValidation validation,
        String expectedName,
        String matchedBy,
        String nameNote,
        Instant now) {

    public CertificateFacts {
        chain = List.copyOf(chain);
        Objects.requireNonNull(validation, "validation");
        Objects.requireNonNull(now, "now");
        if (trusted != validation.trusted()) {
            throw new IllegalArgumentException("trusted must mirror validation.trusted()");
        }
        nameNote = nameNote == null ? "" : nameNote;
    }

    /** The certificates of the certification path (leaf first), as {@link ChainValidation#path()} lists them. */
    public List<CertificateInfo> pathCertificates() {
        return validation.path().stream().filter(i -> i < chain.size()).map(chain::get).toList();
    }

    /** The leaf, or null when the server sent no certificate. */
    public CertificateInfo leaf() {
        return chain.isEmpty() ? null : chain.getFirst();
    }
}
