package io.mailtls.check;

import io.mailtls.tls.jsse.TlsSessionFacts;
import java.util.ArrayList;
import java.util.List;

/**
 * Judges the session the server chose when offered everything from SSLv3 to TLS 1.3: its best protocol and the
 * suite it prefers. The deep probe refines this with every protocol and suite the server accepts.
 */
public final class TlsChecks {
    private TlsChecks() {
    }

    /** Findings about a negotiated session. */
    public static List<Finding> check(TlsSessionFacts t) {
        List<Finding> out = new ArrayList<>();
        if (t == null) {
            return out;
        }
        String seen = "Offered SSLv3 to TLS 1.3 and every suite the JDK has, the server chose " + t.protocol()
                + " with " + t.cipher() + ".";
        String protoFix = "Enable TLS 1.2 and 1.3 (Postfix: smtpd_tls_protocols = >=TLSv1.2 once senders allow it, "
                + "and a current OpenSSL; Exchange: enable TLS 1.2 in SCHANNEL and install the current updates).";
        switch (t.protocol()) {
            case "SSLv3" -> out.add(new Finding("PROTOCOL_SSL3", Severity.HIGH, "The server's best protocol is SSLv3",
                    seen + " SSLv3 is broken (POODLE, RFC 7568).", protoFix, null));
            case "TLSv1.0" -> out.add(new Finding("PROTOCOL_TLS10", Severity.MEDIUM, "The server's best protocol is TLS 1.0",
                    seen + " TLS 1.0 is deprecated (RFC 8996).", protoFix, null));
            case "TLSv1.1" -> out.add(new Finding("PROTOCOL_TLS11", Severity.MEDIUM, "The server's best protocol is TLS 1.1",
                    seen + " TLS 1.1 is deprecated (RFC 8996).", protoFix, null));
            default -> { }
        }
        if (!t.protocol().equals("TLSv1.2") && !t.protocol().equals("TLSv1.3")) {
            out.add(new Finding("PROTOCOL_NO_TLS12", Severity.MEDIUM, "No TLS 1.2", seen
                    + " Senders that require TLS 1.2 (most large providers) cannot use TLS with this server.", protoFix, null));
        }
        if (!t.protocol().equals("TLSv1.3")) {
            out.add(new Finding("PROTOCOL_NO_TLS13", Severity.LOW, "No TLS 1.3", seen
                    + " TLS 1.3 is faster and removes legacy weaknesses.",
                    "Upgrade the TLS library (OpenSSL 1.1.1 or newer; Windows Server 2022 or newer for Exchange).", null));
        }
        String suite = t.cipher();
        String suiteFix = "Remove the suite from the server's list: in Postfix exclude it with smtpd_tls_exclude_ciphers "
                + "(e.g. aNULL, eNULL, EXPORT, RC4, 3DES, kRSA); in Exchange/Windows disable it in the SCHANNEL cipher-suite order.";
        if (suite.contains("_NULL_") || suite.endsWith("_NULL")) {
            out.add(new Finding("CIPHER_NULL", Severity.HIGH, "The chosen suite does not encrypt", seen, suiteFix, null));
        }
        if (suite.contains("_anon_")) {
            out.add(new Finding("CIPHER_ANON", Severity.HIGH, "The chosen suite is anonymous",
                    seen + " No certificate authenticates the server: an attacker in the middle can read and alter the mail.",
                    suiteFix, null));
        }
        if (suite.contains("EXPORT")) {
            out.add(new Finding("CIPHER_EXPORT", Severity.HIGH, "The chosen suite is an export suite",
                    seen + " Export suites are breakable in minutes (FREAK, Logjam).", suiteFix, null));
        }
        if (suite.contains("RC4")) {
            out.add(new Finding("CIPHER_RC4", Severity.MEDIUM, "The chosen suite uses RC4", seen + " RC4 is broken (RFC 7465).",
                    suiteFix, null));
        }
        if (suite.contains("3DES")) {
            out.add(new Finding("CIPHER_3DES", Severity.MEDIUM, "The chosen suite uses 3DES",
                    seen + " 3DES has a 64-bit block (Sweet32).", suiteFix, null));
        }
        if (!t.protocol().equals("TLSv1.3") && !suite.contains("DHE_") && !suite.contains("_anon_")
                && !suite.contains("NULL_WITH")) {
            out.add(new Finding("CIPHER_NO_FORWARD_SECRECY", Severity.MEDIUM, "The chosen suite has no forward secrecy",
                    seen + " With static RSA key exchange, whoever obtains the server's key later can decrypt recorded mail.",
                    "Prefer ECDHE suites: in Postfix keep the default cipher list (tls_preempt_cipherlist = yes); in Windows put ECDHE suites first.", null));
        }
        if (t.dhBits() != null && t.dhBits() < Thresholds.DH_MIN_BITS) {
            out.add(new Finding("DH_WEAK", Severity.MEDIUM, "Weak Diffie-Hellman group",
                    seen + " The server's DH prime has " + t.dhBits() + " bits (under " + Thresholds.DH_MIN_BITS + ").",
                    "Use a 2048-bit or larger DH group (Postfix: smtpd_tls_dh1024_param_file with 2048-bit parameters, or prefer ECDHE).", null));
        }
        if (out.stream().noneMatch(f -> f.severity().worseThan(Severity.LOW))) {
            out.add(new Finding("TLS_NEGOTIATED", Severity.OK, "TLS works with a strong protocol and suite",
                    seen + (t.group() == null ? "" : " Key exchange: " + t.group() + "."), "", null));
        }
        return out;
    }
}
