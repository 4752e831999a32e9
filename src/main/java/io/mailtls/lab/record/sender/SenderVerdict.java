package io.mailtls.lab.record.sender;

import java.util.ArrayList;
import java.util.List;

/**
 * What the lab concludes about one sending client from its sessions: how it uses TLS, whether it
 * checks certificates, whether it falls back to plaintext, and what weak things it offers.
 *
 * @param sender              who
 * @param sessions            how many of its sessions were judged
 * @param tls                 how it uses STARTTLS
 * @param fallbacks           scenarios on which it sent mail in plaintext after STARTTLS was unavailable or failed
 * @param skippedOffer        scenarios on which it sent mail in plaintext without trying the offered STARTTLS
 * @param heldBack            scenarios on which STARTTLS was unavailable or failed and it sent no mail in
 *                            plaintext; only {@code no-starttls} and {@code starttls-refused} prove TLS is required
 * @param certificates        how it treats bad certificates
 * @param certificateTests    one entry per certificate fault it met, in scenario order
 * @param rejectsGood         whether it also refused the lab's good certificate (it may lack the lab CA)
 * @param weakOffers          what weak things its ClientHellos offer, such as {@code offers TLSv1.0}
 * @param negotiated          the distinct "protocol suite" pairs of its completed handshakes
 * @param messagesOverTls     messages it delivered inside TLS
 * @param messagesInPlaintext messages it delivered in plaintext
 */
public record SenderVerdict(SenderKey sender, int sessions, TlsUse tls, List<String> fallbacks,
                            List<String> skippedOffer, List<String> heldBack,
                            CertificateChecks certificates, List<CertificateTest> certificateTests, boolean rejectsGood,
                            List<String> weakOffers, List<String> negotiated, int messagesOverTls,
                            int messagesInPlaintext) {

    public SenderVerdict {
        fallbacks = List.copyOf(fallbacks);
        skippedOffer = List.copyOf(skippedOffer);
        heldBack = List.copyOf(heldBack);
        certificateTests = List.copyOf(certificateTests);
        weakOffers = List.copyOf(weakOffers);
        negotiated = List.copyOf(negotiated);
    }

    /** How a sender uses STARTTLS. */
    public enum TlsUse {
        /** Sends in plaintext although the lab offers STARTTLS. */
        NEVER,
        /** Uses STARTTLS when it works, sends in plaintext when it does not. */
        OPPORTUNISTIC,
        /** Sent no mail when STARTTLS was unavailable or failed. */
        REQUIRED,
        /** Uses STARTTLS; it has not met a scenario where STARTTLS fails. */
        FALLBACK_UNTESTED,
        /** No session told anything (no mail, no STARTTLS). */
        UNKNOWN
    }

    /** How a sender treats a bad server certificate. */
    public enum CertificateChecks {
        /** Aborted on every certificate fault it met. */
        VERIFIES,
        /** Aborted on some faults and carried on after others. */
        PARTIAL,
        /** Carried on after every certificate fault it met. */
        NONE,
        /** Met no certificate fault (or no handshake got that far). */
        UNTESTED
    }

    /**
     * How a sender reacted to one certificate fault.
     *
     * @param scenario  the fault's scenario name, such as {@code expired}
     * @param carriedOn whether it completed the handshake and went on with EHLO or MAIL
     * @param how       how it aborted ({@code with alert certificate_expired}, {@code by closing the
     *                  connection}, {@code after the handshake, before EHLO}) or what it sent when it carried on
     */
    public record CertificateTest(String scenario, boolean carriedOn, String how) {
    }

    /**
     * The verdict in one line, for example {@code opportunistic TLS, no certificate checks (carried on
     * after expired), falls back to plaintext when STARTTLS fails (no-starttls); offers TLSv1.0}.
     */
    public String text() {
        List<String> parts = new ArrayList<>();
        parts.add(switch (tls) {
            case NEVER -> "no TLS: sends in plaintext although STARTTLS is offered ("
                    + String.join(", ", skippedOffer) + ")";
            case OPPORTUNISTIC -> "opportunistic TLS";
            case REQUIRED -> "TLS required (no plaintext mail on " + String.join(", ", heldBack) + ")";
            case FALLBACK_UNTESTED -> "uses STARTTLS (plaintext fallback not tested: point it at no-starttls or "
                    + "starttls-refused" + (heldBack.isEmpty() ? "" : "; no plaintext retry yet after "
                    + String.join(", ", heldBack)) + ")";
            case UNKNOWN -> "no STARTTLS and no mail seen";
        });
        parts.add(switch (certificates) {
            case VERIFIES -> "verifies certificates (" + aborts() + ")";
            case PARTIAL -> "partial certificate checks (" + aborts() + "; carried on after " + carriedOn() + ")";
            case NONE -> "no certificate checks (carried on after " + carriedOn() + ")";
            case UNTESTED -> "certificate checks not tested (point it at expired, wrong-name, self-signed or "
                    + "missing-intermediate)";
        });
        if (rejectsGood) {
            parts.add("also refused the good certificate (does it trust the lab CA?)");
        }
        if (!fallbacks.isEmpty()) {
            parts.add("falls back to plaintext when STARTTLS fails (" + String.join(", ", fallbacks) + ")");
        }
        if (tls == TlsUse.OPPORTUNISTIC && !skippedOffer.isEmpty()) {
            parts.add("sometimes skips the offered STARTTLS (" + String.join(", ", skippedOffer) + ")");
        }
        String text = String.join(", ", parts);
        return weakOffers.isEmpty() ? text : text + "; " + String.join(", ", weakOffers);
    }

    private String aborts() {
        return String.join("; ", certificateTests.stream().filter(t -> !t.carriedOn())
                .map(t -> "aborted on " + t.scenario() + " " + t.how()).toList());
    }

    private String carriedOn() {
        return String.join(", ", certificateTests.stream().filter(CertificateTest::carriedOn)
                .map(CertificateTest::scenario).toList());
    }
}
