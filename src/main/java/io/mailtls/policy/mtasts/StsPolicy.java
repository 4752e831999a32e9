package io.mailtls.policy.mtasts;

import java.util.List;
import java.util.Map;

/**
 * An MTA-STS policy as read from the policy file (RFC 8461 §3.2); fields that were missing or
 * invalid are null (or empty), so a broken policy still shows what it did say.
 *
 * @param version    the {@code version} value, or null
 * @param mode       the mode, or null when missing or not one of the three
 * @param maxAge     {@code max_age} in seconds, or null when missing or not digits
 * @param mx         the {@code mx} patterns in file order
 * @param extensions other fields, first value each
 */
public record StsPolicy(String version, StsMode mode, Long maxAge, List<String> mx, Map<String, String> extensions) {
    /** The largest {@code max_age} RFC 8461 §3.2 allows: one year. */
    public static final long MAX_AGE_LIMIT = 31_557_600L;

    public StsPolicy {
        mx = List.copyOf(mx);
        extensions = Map.copyOf(extensions);
    }

    /** The policy file text for these values, CRLF-separated, as a fix suggestion. */
    public String toText() {
        var out = new StringBuilder();
        out.append("version: STSv1\r\n");
        out.append("mode: ").append(mode == null ? "testing" : mode.token()).append("\r\n");
        for (String pattern : mx) {
            out.append("mx: ").append(pattern).append("\r\n");
        }
        out.append("max_age: ").append(maxAge == null ? 604800 : maxAge).append("\r\n");
        return out.toString();
    }
}
