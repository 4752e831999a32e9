package io.mailtls.policy.dane;

import java.util.List;

/**
 * The result of matching TLSA records against a served certificate chain.
 *
 * @param verdict         the outcome
 * @param matched         the record that matched, or null
 * @param depth           the chain position it matched (0 the leaf; the chain length for a trust anchor
 *                        the server did not send); -1 without a match
 * @param evidence        one line per usable record saying why it did or did not match
 * @param suggestedRecord a DANE-EE record ({@code "3 1 1 <hex>"}) for the served leaf key, or null without a chain
 */
public record DaneMatch(Verdict verdict, TlsaRecord matched, int depth, List<String> evidence,
                        String suggestedRecord) {
    /** The outcome of matching. */
    public enum Verdict {
        /** A usable record matches: DANE senders deliver. */
        MATCH,
        /** Usable records exist and none matches: DANE senders defer the mail. */
        NO_MATCH,
        /** No usable record to match with. */
        NO_USABLE_RECORDS,
        /** No certificate chain was served (or obtained) to match against. */
        NO_CHAIN
    }

    public DaneMatch {
        evidence = List.copyOf(evidence);
    }
}
