package io.mailtls.cert;

import java.util.List;
import java.util.Objects;

/**
 * The outcome of validating a chain as the server sent it.
 *
 * @param trusted                 true exactly when {@code reason} is {@link ChainReason#TRUSTED}
 * @param reason                  the one cause, decided by inspecting the chain
 * @param detail                  what was seen, with names and dates (ISO-8601 UTC)
 * @param failingIndex            index in the chain as sent of the certificate at fault, or -1
 * @param path                    indices in the chain as sent of the certification path, leaf first; a sent
 *                                copy of the trust anchor is left out unless the leaf itself is the anchor
 * @param anchor                  subject of the trust anchor reached (directly, or after completion
 *                                by known intermediates for an incomplete chain), or null
 * @param missingIssuer           for {@link ChainReason#INCOMPLETE_CHAIN}: the issuer the server does not send
 * @param completedBy             for an incomplete chain: subjects of known intermediates (CA file) that extend it
 * @param completionReachesAnchor true when those intermediates extend the chain up to a trust anchor
 * @param issues                  order and content facts about the chain as sent
 * @param sentCount               how many certificates the server sent
 */
public record ChainValidation(
        boolean trusted,
        ChainReason reason,
        String detail,
        int failingIndex,
        List<Integer> path,
        String anchor,
        String missingIssuer,
        List<String> completedBy,
        boolean completionReachesAnchor,
        List<ChainIssue> issues,
        int sentCount) {

    public ChainValidation {
        Objects.requireNonNull(reason, "reason");
        if (trusted != (reason == ChainReason.TRUSTED)) {
            throw new IllegalArgumentException("trusted must mirror reason " + reason);
        }
        detail = detail == null ? "" : detail;
        path = List.copyOf(path);
        completedBy = List.copyOf(completedBy);
        issues = List.copyOf(issues);
    }

    /** True when some issue of {@code kind} was seen. */
    public boolean has(ChainIssue.Kind kind) {
        return issues.stream().anyMatch(i -> i.kind() == kind);
    }
}
