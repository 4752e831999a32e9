package io.mailtls.delivery;

import io.mailtls.check.EndpointVerdict;
import io.mailtls.check.Finding;
import io.mailtls.facts.EndpointFacts;
import io.mailtls.facts.Outcome;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/** Predicts what each kind of sending server does with one endpoint, from its facts and findings. */
public final class SenderProfiles {
    static final String DELAYED = " The mail waits in the sender's queue; after some hours the sending user gets "
            + "\"Delivery to the following recipients has been delayed\", and after the retry period (Postfix: 5 days, "
            + "Exchange: 2 days) a bounce.";

    private SenderProfiles() {
    }

    /** Verdicts for the profiles that apply to a single endpoint (opportunistic, mandatory-tls, verify). */
    public static List<DeliveryVerdict> forEndpoint(EndpointFacts f, EndpointVerdict v) {
        List<DeliveryVerdict> out = new ArrayList<>();
        if (v.outcome() == Outcome.INCONCLUSIVE) {
            String why = "Could not be tested from here (" + (f.failure() == null ? "unknown" : f.failure().detail())
                    + "); a sender may see the same or may get through.";
            for (String s : List.of("opportunistic", "mandatory-tls", "verify")) {
                out.add(new DeliveryVerdict(s, "unknown", null, why));
            }
            return out;
        }
        Set<String> ids = v.findings().stream().map(Finding::id).collect(Collectors.toSet());
        if (!f.tlsEstablished() || v.outcome() == Outcome.NO_TLS) {
            String rpt = ids.contains("STARTTLS_NOT_OFFERED") || ids.contains("STARTTLS_REFUSED")
                    ? "starttls-not-supported" : "validation-failure";
            String what = ids.contains("STARTTLS_NOT_OFFERED") ? "the server offers no STARTTLS"
                    : ids.contains("STARTTLS_REFUSED") ? "the server refuses STARTTLS" : "TLS cannot be established";
            out.add(new DeliveryVerdict("opportunistic", "plaintext", rpt, "Because " + what
                    + ", an opportunistic sender (Postfix 'may', Exchange's default) delivers the mail unencrypted,"
                    + " readable by anyone on the path. The sending user notices nothing."));
            out.add(new DeliveryVerdict("mandatory-tls", "deferred", rpt, "Because " + what
                    + ", a sender that requires TLS (Postfix 'encrypt', an Exchange connector requiring TLS) does not send."
                    + DELAYED));
            out.add(new DeliveryVerdict("verify", "deferred", rpt, "Because " + what
                    + ", a verifying sender (Postfix 'secure', Exchange domain security) does not send." + DELAYED));
            return out;
        }
        out.add(new DeliveryVerdict("opportunistic", "encrypted-unauthenticated", null,
                "TLS works; an opportunistic sender encrypts but does not check the certificate."));
        out.add(new DeliveryVerdict("mandatory-tls", "encrypted-unauthenticated", null,
                "TLS works; a sender requiring TLS encrypts without checking the certificate."));
        String rpt = certificateProblem(ids);
        if (rpt == null) {
            out.add(new DeliveryVerdict("verify", "encrypted-authenticated", null,
                    "The certificate is trusted, valid and matches " + f.expectedName()
                            + ": a verifying sender delivers over authenticated TLS."));
        } else {
            out.add(new DeliveryVerdict("verify", "deferred", rpt, "A verifying sender (Postfix 'secure', Exchange domain "
                    + "security) rejects the certificate (" + rpt + ")." + DELAYED));
        }
        return out;
    }

    /** The TLS-RPT result type of the first certificate problem, or null when a verifying sender accepts it. */
    static String certificateProblem(Set<String> ids) {
        if (ids.contains("CERT_EXPIRED") || ids.contains("CERT_NOT_YET_VALID")) {
            return "certificate-expired";
        }
        if (ids.contains("CERT_NAME_MISMATCH")) {
            return "certificate-host-mismatch";
        }
        if (ids.contains("CERT_SELF_SIGNED") || ids.contains("CERT_UNTRUSTED") || ids.contains("CERT_CHAIN_INCOMPLETE")
                || ids.contains("CERT_NONE")) {
            return "certificate-not-trusted";
        }
        return null;
    }
}
