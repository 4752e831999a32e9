package io.mailtls.report.html;

import io.mailtls.audit.CheckReport;
import io.mailtls.audit.EndpointReport;
import io.mailtls.cert.CertificateFacts;
import io.mailtls.cert.CertificateInfo;
import io.mailtls.cert.ChainReason;
import io.mailtls.cert.ChainValidation;
import io.mailtls.check.EndpointVerdict;
import io.mailtls.check.Finding;
import io.mailtls.check.Severity;
import io.mailtls.delivery.DeliveryVerdict;
import io.mailtls.facts.EndpointFacts;
import io.mailtls.facts.Outcome;
import io.mailtls.net.Endpoint;
import io.mailtls.net.Failure;
import io.mailtls.net.Mode;
import io.mailtls.net.Phase;
import io.mailtls.smtp.TranscriptLine;
import io.mailtls.smtp.TranscriptLine.From;
import io.mailtls.tls.jsse.TlsSessionFacts;
import java.net.InetAddress;
import java.time.Instant;
import java.util.List;

/** A report whose every server-supplied field carries markup, quotes and terminal escapes. */
final class HostileReports {
    static final String SCRIPT = "<script>alert(1)</script>";
    static final String IMG = "<img src=x onerror=alert(2)>";
    static final String QUOTE = "\" onmouseover=\"alert(3)";
    static final String ANSI = "\u001b[31mRED\u001b[0m";

    private HostileReports() {
    }

    static CheckReport report() throws Exception {
        Instant now = Instant.parse("2026-01-15T10:00:00Z");
        CertificateInfo leaf = new CertificateInfo("CN=" + SCRIPT + ",O=" + QUOTE, "CN=" + IMG, SCRIPT,
                Instant.parse("2025-01-01T00:00:00Z"), Instant.parse("2025-12-31T00:00:00Z"),
                List.of("evil" + SCRIPT + ".test", QUOTE), List.of(), "RSA 2048", "RSA", 2048, "SHA256withRSA",
                "SHA-256", "ab".repeat(32), false);
        ChainValidation validation = new ChainValidation(false, ChainReason.EXPIRED, "expired: " + IMG, 0, List.of(0),
                null, null, List.of(), false, List.of(), 1);
        CertificateFacts cert = new CertificateFacts(List.of(leaf), false, false, validation, "mx." + SCRIPT,
                null, QUOTE, now);
        List<TranscriptLine> transcript = List.of(
                new TranscriptLine(0, From.NOTE, "connecting to 127.0.0.1:25"),
                new TranscriptLine(3, From.SERVER, "220 mx " + SCRIPT + " " + ANSI),
                new TranscriptLine(4, From.CLIENT, "EHLO test.invalid"),
                new TranscriptLine(5, From.SERVER, "250-mx " + IMG),
                new TranscriptLine(5, From.SERVER, "250 STARTTLS " + QUOTE),
                new TranscriptLine(6, From.CLIENT, "STARTTLS"),
                new TranscriptLine(7, From.SERVER, "220 go " + SCRIPT),
                new TranscriptLine(8, From.TLS, "TLS handshake starts (SNI mx.test)"),
                new TranscriptLine(20, From.TLS, "TLS handshake: TLSv1.3, TLS_AES_128_GCM_SHA256, x25519"),
                new TranscriptLine(21, From.NOTE, "a note with " + SCRIPT));
        Endpoint ep = new Endpoint("mx." + SCRIPT, InetAddress.getByName("127.0.0.1"), 25, Mode.STARTTLS, null);
        TlsSessionFacts tls = new TlsSessionFacts("TLSv1.3", "TLS_AES_128_GCM_SHA256", "x25519" + SCRIPT, null, List.of(), 12);
        Failure after = new Failure(Failure.Kind.EHLO_AFTER_TLS_FAILED, Phase.values()[0], "EHLO failed " + IMG, SCRIPT + ANSI);
        var probe = new io.mailtls.tls.probe.TlsProfile(java.util.Map.of("TLSv1.2", true, "TLSv1.3", true),
                java.util.Map.of("TLSv1.2", List.of("TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256")), true, List.of("x25519"),
                null, true, false, null, 5, 40, List.of("SSLv2: " + IMG), List.of("anomaly " + SCRIPT));
        var smtpProbes = new io.mailtls.smtp.SmtpProbeFacts(true, "250 injected " + SCRIPT, false, "250 ok " + IMG, 2);
        EndpointFacts facts = new EndpointFacts(ep, "mx." + SCRIPT, transcript, null, tls, cert, null, after, probe,
                smtpProbes);
        Finding f = new Finding("CERT_EXPIRED", Severity.HIGH, "expired " + SCRIPT, "seen: " + IMG + " " + ANSI,
                "renew " + QUOTE, "127.0.0.1:25");
        Finding ok = new Finding("STARTTLS_OFFERED", Severity.OK, "offered " + SCRIPT, IMG, "", "127.0.0.1:25");
        EndpointReport er = new EndpointReport(facts, new EndpointVerdict(List.of(f, ok), Outcome.TLS_WEAK));
        return new CheckReport("mx." + SCRIPT, now, 42, Outcome.TLS_WEAK, List.of(f, ok), List.of(er),
                List.of(new DeliveryVerdict("verify", "deferred", "certificate-expired", "because " + SCRIPT)), null);
    }
}
