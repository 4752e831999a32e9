package io.mailtls.policy.mtasts;

/**
 * Whether one MX host matches the policy's {@code mx} patterns (RFC 8461 §4.1).
 *
 * @param mxHost         the MX host name
 * @param matchedPattern the first pattern that matches it, or null when none does
 */
public record StsMxCoverage(String mxHost, String matchedPattern) {
    /** True when some pattern matches. */
    public boolean covered() {
        return matchedPattern != null;
    }
}
