package io.mailtls.check;

import io.mailtls.net.Failure;
import io.mailtls.net.Phase;

/** Turns a failure that stopped the conversation into its one finding. */
public final class ReachabilityChecks {
    private ReachabilityChecks() {
    }

    /** The finding for a failure. */
    public static Finding of(Failure f) {
        String ev = f.evidence().isEmpty() ? "" : " Evidence: " + f.evidence();
        String detail = cap(f.detail()) + " (phase: " + f.phase().label() + ")." + ev;
        return switch (f.kind()) {
            case UNRESOLVED -> new Finding("HOST_UNRESOLVED", Severity.INFO, "The host name does not resolve",
                    detail, "Check the name, or publish A/AAAA records for it.", null);
            case REFUSED -> new Finding("CONNECT_REFUSED", Severity.INFO, "Connection refused", detail,
                    "Make sure the mail server listens on this port and the firewall allows SMTP from the internet.", null);
            case CONNECT_TIMEOUT, UNREACHABLE -> new Finding("CONNECT_TIMEOUT", Severity.INFO,
                    "No answer to the TCP connection", detail,
                    "Check the firewall and routing for this port; many networks block outbound port 25, so test from a host allowed to send mail.", null);
            case RESET -> new Finding("CONNECTION_RESET", Severity.INFO, "The connection was reset", detail,
                    "Look at the server's log and any firewall or IPS between: a reset usually means a middlebox or a crash.", null);
            case CLOSED -> new Finding("CONNECTION_CLOSED", Severity.INFO, "The server closed the connection", detail,
                    "Look at the server's log for why it dropped the session (blocklists, rate limits, crashes).", null);
            case TIMEOUT -> f.phase() == Phase.GREETING
                    ? new Finding("GREETING_TIMEOUT", Severity.INFO, "No SMTP greeting in time", detail,
                    "If the server delays greetings on purpose (greet pause, postscreen), run again with a larger --timeout.", null)
                    : f.phase() == Phase.TLS_HANDSHAKE
                    ? new Finding("TLS_HANDSHAKE_FAILED", Severity.CRITICAL, "The TLS handshake stalled", detail,
                    "The server accepted STARTTLS but never finished the handshake: check its TLS configuration and log.", null)
                    : new Finding("REPLY_TIMEOUT", Severity.INFO, "The server stopped answering", detail,
                    "Run again with a larger --timeout; if it persists, check the server's load and log.", null);
            case NOT_ALLOWED -> new Finding("ADDRESS_NOT_ALLOWED", Severity.INFO,
                    "Not checked: the address is not a public one", detail,
                    "Nothing to fix on the mail server if this is intended; a public checker cannot reach such "
                            + "addresses. Run mailtls from inside that network, or serve with --allow-private.", null);
            case DEADLINE -> new Finding("DEADLINE_EXCEEDED", Severity.INFO, "The check ran out of time", detail,
                    "The server is extremely slow (or drips bytes); retry with a larger --timeout.", null);
            case THROTTLED -> new Finding("THROTTLED", Severity.INFO, "The server asked us to come back later", detail,
                    "This is rate limiting or greylisting, not a TLS problem; retry later or from an allowed address.", null);
            case GREETING_REJECTED -> new Finding("GREETING_REJECTED", Severity.INFO,
                    "The server refuses this client (554 greeting)", detail,
                    "The server blocks the testing host (blocklist or access rule); test from a host allowed to send mail.", null);
            case MALFORMED_REPLY -> new Finding("SMTP_REPLY_MALFORMED", Severity.CRITICAL,
                    "The server's reply breaks SMTP syntax", detail,
                    "Something that is not a conforming SMTP server answers on this port (a proxy, a broken filter); senders will fail the same way.", null);
            case EHLO_REJECTED -> new Finding("EHLO_REJECTED", Severity.CRITICAL, "The server refuses EHLO and HELO",
                    detail, "Allow EHLO from senders (check helo restrictions: smtpd_helo_restrictions in Postfix).", null);
            case STARTTLS_NOT_OFFERED -> new Finding("STARTTLS_NOT_OFFERED", Severity.CRITICAL,
                    "The server does not offer STARTTLS", detail,
                    "Enable STARTTLS: in Postfix set smtpd_tls_security_level = may and smtpd_tls_chain_files; in Exchange assign a certificate to the SMTP service (Enable-ExchangeCertificate -Services SMTP) and check the receive connector's TLS setting. Check also that no firewall strips STARTTLS (some 'SMTP inspection' features do).", null);
            case STARTTLS_REFUSED -> new Finding("STARTTLS_REFUSED", Severity.CRITICAL,
                    "STARTTLS is offered but refused", detail,
                    "The server advertises STARTTLS but cannot start it: usually the certificate or key cannot be loaded. Check the server's log and the certificate files' permissions.", null);
            case TLS_ALERT, TLS_DROPPED, NOT_TLS, TLS_OTHER -> new Finding("TLS_HANDSHAKE_FAILED", Severity.CRITICAL,
                    "The TLS handshake failed", detail,
                    "Check the server's TLS settings (protocols, cipher suites, certificate and key) and its log for the handshake error.", null);
            case EHLO_AFTER_TLS_FAILED -> new Finding("EHLO_AFTER_TLS_FAILED", Severity.CRITICAL,
                    "EHLO fails after TLS starts", detail,
                    "The server breaks the session after the handshake: check its log; a TLS-terminating proxy in front of it is a common cause.", null);
        };
    }

    private static String cap(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
