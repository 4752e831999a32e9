package io.mailtls.policy.mtasts;

import io.mailtls.policy.HostPatterns;
import java.util.ArrayList;
import java.util.List;

/** Applies an MTA-STS policy to MX hosts as an enforcing sender would (RFC 8461 §4). */
public final class StsEvaluator {
    private StsEvaluator() {
    }

    /** The first of {@code patterns} matching {@code mxHost}, or null. */
    public static String match(List<String> patterns, String mxHost) {
        return patterns.stream().filter(p -> HostPatterns.matches(p, mxHost)).findFirst().orElse(null);
    }

    /** Which MX hosts the policy's patterns cover. */
    public static List<StsMxCoverage> coverage(StsPolicy policy, List<String> mxHosts) {
        return mxHosts.stream().map(h -> new StsMxCoverage(h, match(policy.mx(), h))).toList();
    }

    /** Judges one MX host: covered by a pattern, then STARTTLS, TLS 1.2+, trusted, valid and named. */
    public static StsMxResult check(StsPolicy policy, MxTlsObservation seen) {
        String pattern = match(policy.mx(), seen.mxHost());
        if (pattern == null) {
            return new StsMxResult(seen.mxHost(), null, StsMxResult.Verdict.NOT_COVERED,
                    List.of("no mx pattern of the policy " + policy.mx() + " matches " + seen.mxHost()),
                    "validation-failure");
        }
        if (!seen.reached()) {
            return new StsMxResult(seen.mxHost(), pattern, StsMxResult.Verdict.NOT_TESTED,
                    List.of("not tested: " + seen.evidence()), null);
        }
        List<String> failures = new ArrayList<>();
        String resultType = null;
        if (!seen.starttls()) {
            failures.add("no TLS session: " + seen.evidence());
            resultType = "starttls-not-supported";
        } else {
            if (seen.protocol() == null || !(seen.protocol().equals("TLSv1.2") || seen.protocol().equals("TLSv1.3"))) {
                failures.add("negotiated " + seen.protocol() + "; MTA-STS senders require TLS 1.2 or later");
                resultType = "validation-failure";
            }
            if (seen.certificateExpired()) {
                failures.add("the certificate is expired or not yet valid");
                resultType = "certificate-expired";
            }
            if (!seen.chainTrusted()) {
                failures.add("the certificate chain does not reach a trusted root");
                resultType = "certificate-not-trusted";
            }
            if (!seen.certificateMatchesMx()) {
                failures.add("the certificate does not name " + seen.mxHost());
                resultType = "certificate-host-mismatch";
            }
        }
        if (failures.isEmpty()) {
            return new StsMxResult(seen.mxHost(), pattern, StsMxResult.Verdict.PASS, List.of(), null);
        }
        return new StsMxResult(seen.mxHost(), pattern, StsMxResult.Verdict.FAIL, failures, resultType);
    }
}
