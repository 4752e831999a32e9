package io.mailtls.check;

import io.mailtls.smtp.Capabilities;
import io.mailtls.smtp.SmtpFacts;
import java.util.ArrayList;
import java.util.List;

/** Judges the SMTP dialog itself: greeting speed, EHLO, AUTH exposure, and what changes once TLS is on. */
public final class SmtpChecks {
    private SmtpChecks() {
    }

    /** Findings about the SMTP dialog. */
    public static List<Finding> check(SmtpFacts s) {
        List<Finding> out = new ArrayList<>();
        if (s == null) {
            return out;
        }
        if (s.greeting() != null && s.greetingMs() > Thresholds.GREETING_SLOW_MS) {
            out.add(new Finding("GREETING_SLOW", Severity.LOW, "The greeting is slow",
                    "The 220 greeting took " + s.greetingMs() + " ms (over " + Thresholds.GREETING_SLOW_MS / 1000
                            + " s). RFC 5321 senders wait up to 5 minutes, but testing tools and some filters give up.",
                    "If this is a deliberate greet pause (postscreen, greet_pause), it is fine; otherwise look for slow DNS lookups on connect (reverse DNS, RBLs).", null));
        }
        if (s.ehlo() != null && !s.ehlo().positive() && s.helo() != null && s.helo().positive()) {
            out.add(new Finding("EHLO_REJECTED", Severity.MEDIUM, "EHLO is refused, only HELO works",
                    "EHLO got: " + s.ehlo().firstLine() + "; HELO got: " + s.helo().firstLine()
                            + ". Without EHLO there are no extensions, so no STARTTLS.",
                    "Enable ESMTP (EHLO) on the server.", null));
        }
        Capabilities before = s.capabilities();
        if (before != null) {
            List<String> weak = before.authMechanisms().stream()
                    .filter(m -> m.equals("PLAIN") || m.equals("LOGIN")).toList();
            if (!weak.isEmpty()) {
                out.add(new Finding("AUTH_BEFORE_TLS", Severity.MEDIUM, "Password authentication is offered before TLS",
                        "The plaintext EHLO reply advertises " + before.find("AUTH")
                                + ": a client may send its password in the clear.",
                        "Offer AUTH only over TLS: in Postfix smtpd_tls_auth_only = yes; in Exchange require TLS on the receive connector before basic authentication.", null));
            }
        }
        Capabilities after = s.capabilitiesAfterTls();
        if (after != null) {
            if (after.has("STARTTLS")) {
                out.add(new Finding("STARTTLS_AFTER_TLS", Severity.LOW, "STARTTLS is still offered inside TLS",
                        "The EHLO reply over TLS still lists STARTTLS, which RFC 3207 §4.2 forbids.",
                        "Update or fix the server (or a proxy in front of it) so it stops advertising STARTTLS once TLS is active.", null));
            }
            boolean authBefore = before != null && !before.authMechanisms().isEmpty();
            if (!authBefore && !after.authMechanisms().isEmpty()) {
                out.add(new Finding("AUTH_AFTER_TLS_ONLY", Severity.OK, "Authentication is offered only after TLS",
                        "AUTH " + String.join(" ", after.authMechanisms()) + " appears only in the EHLO reply over TLS.",
                        "", null));
            }
        }
        return out;
    }
}
