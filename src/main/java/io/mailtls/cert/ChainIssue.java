package io.mailtls.cert;

import java.util.Objects;

/**
 * A fact about how the server sent its chain, apart from whether it is trusted.
 *
 * @param kind     what is wrong with the order or content
 * @param position index in the chain as sent, or -1 when the issue concerns the whole chain
 * @param subject  subject (RFC 2253) of the certificate at {@code position}, or null
 * @param detail   one sentence with the evidence
 */
public record ChainIssue(Kind kind, int position, String subject, String detail) {

    /** The kinds of chain-order facts. */
    public enum Kind {
        /** The path certificates are not sent leaf first, each followed by its issuer (RFC 5246 §7.4.2). */
        OUT_OF_ORDER,
        /** A certificate that certifies no certificate of the path. */
        UNRELATED,
        /** A certificate sent twice. */
        DUPLICATE,
        /** More certificates than mailtls processes. */
        TOO_LONG
    }

    public ChainIssue {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(detail, "detail");
    }
}
