package io.mailtls.check;

import io.mailtls.smtp.SmtpProbeFacts;
import io.mailtls.tls.probe.TlsProfile;
import io.mailtls.tls.registry.CipherFlag;
import io.mailtls.tls.registry.CipherSuite;
import io.mailtls.tls.registry.CipherSuites;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/** Judges the deep probe: every protocol and suite the server accepts, and the SMTP security probes. */
public final class ProbeChecks {
    static final String SUITE_FIX = "Remove these suites: in Postfix set smtpd_tls_exclude_ciphers = aNULL, eNULL, "
            + "EXPORT, RC4, 3DES, kRSA (and smtpd_tls_mandatory_exclude_ciphers alike); in Exchange/Windows remove them "
            + "from the SCHANNEL cipher-suite order (Disable-TlsCipherSuite or the IIS Crypto tool).";
    static final String PROTOCOL_FIX = "Disable it: in Postfix smtpd_tls_protocols = >=TLSv1.2 (and "
            + "smtpd_tls_mandatory_protocols alike); in Windows disable the protocol in SCHANNEL. Keep TLS 1.2 and 1.3.";

    private ProbeChecks() {
    }

    /** Findings for a deep probe; {@code smtp} may be null. */
    public static List<Finding> check(TlsProfile p, SmtpProbeFacts smtp) {
        List<Finding> out = new ArrayList<>();
        if (p != null) {
            protocols(p, out);
            suites(p, out);
            if (p.dhBits() != null && p.dhBits() < Thresholds.DH_MIN_BITS) {
                out.add(new Finding("DH_WEAK", Severity.MEDIUM, "Weak Diffie-Hellman group",
                        "The server's DHE suites use a " + p.dhBits() + "-bit prime (under " + Thresholds.DH_MIN_BITS
                                + " bits: Logjam).",
                        "Use 2048-bit or larger DH parameters (Postfix: smtpd_tls_dh1024_param_file pointing at "
                                + "`openssl dhparam 2048` output) or drop DHE in favour of ECDHE.", null));
            }
            if (Boolean.FALSE.equals(p.secureRenegotiation())) {
                out.add(new Finding("RENEGOTIATION_INSECURE", Severity.MEDIUM, "No secure renegotiation (RFC 5746)",
                        "The server's hellos carry no renegotiation_info extension.",
                        "Update the server's TLS library; every maintained one supports RFC 5746.", null));
            }
            if (Boolean.TRUE.equals(p.compression())) {
                out.add(new Finding("TLS_COMPRESSION", Severity.MEDIUM, "TLS compression is accepted",
                        "The server agreed to DEFLATE compression, which leaks secrets (CRIME).",
                        "Disable TLS compression (OpenSSL: SSL_OP_NO_COMPRESSION; update the TLS library).", null));
            }
            if (Boolean.TRUE.equals(p.heartbeat())) {
                out.add(new Finding("TLS_HEARTBEAT", Severity.INFO, "The heartbeat extension is enabled",
                        "The server offers the TLS heartbeat extension (RFC 6520); harmless on a patched library, "
                                + "the vector of Heartbleed on OpenSSL 1.0.1 to 1.0.1f.",
                        "Make sure the TLS library is current, or build it without heartbeats.", null));
            }
            for (String a : p.anomalies()) {
                out.add(new Finding("TLS_ANOMALY", Severity.LOW, "The server broke the TLS negotiation rules", a,
                        "Report it to the server's vendor: clients that follow the rules abort such handshakes.", null));
            }
            if (!p.inconclusive().isEmpty()) {
                out.add(new Finding("PROBE_INCONCLUSIVE", Severity.INFO, "Parts of the deep probe could not be determined",
                        String.join("; ", p.inconclusive()),
                        "If the server throttles, retry later or with --max-connections 1.", null));
            }
        }
        if (smtp != null) {
            if (Boolean.TRUE.equals(smtp.injectionVulnerable())) {
                out.add(new Finding("STARTTLS_INJECTION", Severity.HIGH, "Commands sent before TLS are executed inside TLS",
                        smtp.injectionEvidence() + ". An attacker on the path can inject commands into the encrypted "
                                + "session (CVE-2011-0411 class).",
                        "Update the MTA (or the proxy/filter in front of it) so it discards buffered input when TLS "
                                + "starts (RFC 3207 §4.2).", null));
            }
            if (Boolean.TRUE.equals(smtp.requiresTls())) {
                out.add(new Finding("STARTTLS_REQUIRED", Severity.OK, "The server requires STARTTLS before mail",
                        smtp.requireEvidence(), "", null));
            }
        }
        return out;
    }

    private static void protocols(TlsProfile p, List<Finding> out) {
        Map<String, Boolean> v = p.protocols();
        String seen = "Supported: " + v.entrySet().stream().filter(e -> Boolean.TRUE.equals(e.getValue()))
                .map(Map.Entry::getKey).toList() + ".";
        if (Boolean.TRUE.equals(v.get("SSLv2"))) {
            out.add(new Finding("PROTOCOL_SSL2", Severity.HIGH, "SSLv2 is accepted", seen + " SSLv2 is broken (DROWN).",
                    PROTOCOL_FIX, null));
        }
        if (Boolean.TRUE.equals(v.get("SSLv3"))) {
            out.add(new Finding("PROTOCOL_SSL3", Severity.HIGH, "SSLv3 is accepted", seen + " SSLv3 is broken (POODLE).",
                    PROTOCOL_FIX, null));
        }
        if (Boolean.TRUE.equals(v.get("TLSv1.0"))) {
            out.add(new Finding("PROTOCOL_TLS10", Severity.MEDIUM, "TLS 1.0 is accepted", seen + " TLS 1.0 is deprecated (RFC 8996).",
                    PROTOCOL_FIX, null));
        }
        if (Boolean.TRUE.equals(v.get("TLSv1.1"))) {
            out.add(new Finding("PROTOCOL_TLS11", Severity.MEDIUM, "TLS 1.1 is accepted", seen + " TLS 1.1 is deprecated (RFC 8996).",
                    PROTOCOL_FIX, null));
        }
        if (Boolean.FALSE.equals(v.get("TLSv1.2"))) {
            out.add(new Finding("PROTOCOL_NO_TLS12", Severity.MEDIUM, "No TLS 1.2", seen
                    + " Senders that require TLS 1.2 cannot use TLS with this server.",
                    "Enable TLS 1.2 (update the TLS library or Windows).", null));
        }
        if (Boolean.FALSE.equals(v.get("TLSv1.3"))) {
            out.add(new Finding("PROTOCOL_NO_TLS13", Severity.LOW, "No TLS 1.3", seen,
                    "Enable TLS 1.3 (OpenSSL 1.1.1 or newer; Windows Server 2022 or newer).", null));
        }
    }

    private static void suites(TlsProfile p, List<Finding> out) {
        weak(p, out, "CIPHER_NULL", Severity.HIGH, "Suites without encryption are accepted", s -> s.has(CipherFlag.NULL));
        weak(p, out, "CIPHER_ANON", Severity.HIGH, "Anonymous suites are accepted (no authentication)",
                s -> s.has(CipherFlag.ANON));
        weak(p, out, "CIPHER_EXPORT", Severity.HIGH, "Export-grade suites are accepted", s -> s.has(CipherFlag.EXPORT));
        weak(p, out, "CIPHER_RC4", Severity.MEDIUM, "RC4 suites are accepted", s -> s.has(CipherFlag.RC4));
        weak(p, out, "CIPHER_3DES", Severity.MEDIUM, "3DES suites are accepted (Sweet32)", s -> s.has(CipherFlag.TRIPLE_DES));
        weak(p, out, "CIPHER_NO_FORWARD_SECRECY", Severity.MEDIUM, "Suites without forward secrecy are accepted",
                s -> !s.has(CipherFlag.FS) && !s.has(CipherFlag.NULL) && !s.has(CipherFlag.ANON) && !s.has(CipherFlag.SCSV));
    }

    private static void weak(TlsProfile p, List<Finding> out, String id, Severity sev, String title,
                             Predicate<CipherSuite> bad) {
        Map<String, List<String>> hits = new LinkedHashMap<>();
        p.ciphers().forEach((proto, names) -> {
            for (String n : names) {
                CipherSuites.byName(n).filter(bad).ifPresent(s -> hits.computeIfAbsent(proto, k -> new ArrayList<>()).add(n));
            }
        });
        if (!hits.isEmpty()) {
            StringBuilder d = new StringBuilder("Accepted: ");
            hits.forEach((proto, names) -> d.append(proto).append(' ').append(String.join(", ", names)).append("; "));
            out.add(new Finding(id, sev, title, d.substring(0, d.length() - 2) + ".", SUITE_FIX, null));
        }
    }
}
