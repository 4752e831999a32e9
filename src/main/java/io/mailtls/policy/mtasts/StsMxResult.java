package io.mailtls.policy.mtasts;

import java.util.List;

/**
 * How one MX host fares under the domain's MTA-STS policy.
 *
 * @param mxHost           the MX host name
 * @param matchedPattern   the {@code mx} pattern covering it, or null
 * @param verdict          the outcome
 * @param failures         what fails, one line each (empty on PASS)
 * @param tlsRptResultType the RFC 8460 result type a reporting sender would record, or null on PASS
 */
public record StsMxResult(String mxHost, String matchedPattern, Verdict verdict, List<String> failures,
                          String tlsRptResultType) {
    /** The outcome for one MX. */
    public enum Verdict {
        /** Covered and every TLS requirement met. */
        PASS,
        /** Covered, but a TLS requirement fails: enforcing senders will not deliver to it. */
        FAIL,
        /** No {@code mx} pattern matches: enforcing senders will not deliver to it. */
        NOT_COVERED,
        /** The host could not be tested. */
        NOT_TESTED
    }

    public StsMxResult {
        failures = List.copyOf(failures);
    }
}
