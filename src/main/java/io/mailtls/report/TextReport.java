package io.mailtls.report;

import io.mailtls.audit.CheckReport;
import io.mailtls.audit.EndpointReport;
import io.mailtls.cert.CertificateFacts;
import io.mailtls.cert.CertificateInfo;
import io.mailtls.check.Finding;
import io.mailtls.delivery.DeliveryVerdict;
import io.mailtls.facts.EndpointFacts;
import io.mailtls.net.Printable;
import io.mailtls.smtp.TranscriptLine;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** The report for people: the conversation as telnet would have shown it, annotated, then findings and verdicts. */
public final class TextReport {
    private final Ansi ansi;
    private final StringBuilder out = new StringBuilder();

    public TextReport(Ansi ansi) {
        this.ansi = ansi;
    }

    /** Renders a whole report. */
    public static String render(CheckReport r, Ansi ansi) {
        return new TextReport(ansi).report(r);
    }

    private String report(CheckReport r) {
        line(ansi.bold("mailtls check " + p(r.target())) + "   " + ansi.color(r.outcome(), r.outcome().name())
                + ansi.dim("   (" + r.millis() + " ms, " + r.startedAt().truncatedTo(ChronoUnit.SECONDS) + ")"));
        if (r.domain() != null) {
            line("");
            DomainText.lines(r.domain(), ansi).forEach(this::line);
        }
        for (EndpointReport e : r.endpoints()) {
            endpoint(e);
        }
        line("");
        line(ansi.bold("Findings"));
        for (Finding f : r.findings()) {
            finding(f, r.endpoints().size() > 1);
        }
        if (!r.delivery().isEmpty()) {
            line("");
            line(ansi.bold("What sending servers will do"));
            for (DeliveryVerdict d : r.delivery()) {
                line(String.format("  %-14s %s%s", d.sender(), ansi.bold(d.outcome()),
                        d.tlsRpt() == null ? "" : ansi.dim("  (TLS-RPT: " + d.tlsRpt() + ")")));
                line("                 " + d.explanation());
            }
        }
        line("");
        line("Verdict: " + ansi.color(r.outcome(), r.outcome().name()) + " — " + summary(r)
                + ansi.dim("  (exit " + r.exitCode() + ")"));
        return out.toString();
    }

    private void endpoint(EndpointReport r) {
        EndpointFacts f = r.facts();
        line("");
        String name = f.endpoint().host().equals(f.endpoint().addressText()) ? "" : " (" + p(f.endpoint().host()) + ")";
        line(ansi.bold("== " + f.endpoint().hostPort() + name) + "  " + ansi.color(r.verdict().outcome(),
                r.verdict().outcome().name()));
        if (!f.transcript().isEmpty()) {
            line(ansi.dim("  The conversation (S: server, C: us, TLS: handshake, --: notes)"));
            for (TranscriptLine l : f.transcript()) {
                String tag = switch (l.from()) {
                    case SERVER -> ansi.server("S:  ");
                    case CLIENT -> ansi.client("C:  ");
                    case TLS -> ansi.tls("TLS ");
                    case NOTE -> ansi.dim("--  ");
                };
                String text = switch (l.from()) {
                    case SERVER -> ansi.server(p(l.text()));
                    case CLIENT -> ansi.client(p(l.text()));
                    case TLS -> ansi.tls(p(l.text()));
                    case NOTE -> ansi.dim(p(l.text()));
                };
                line(String.format("  %6d ms  %s%s", l.atMs(), tag, text));
            }
        }
        if (f.certificate() != null) {
            certificate(f.certificate());
        }
        if (f.probe() != null) {
            probe(f.probe());
        }
        if (f.smtpProbes() != null) {
            var s = f.smtpProbes();
            line("    STARTTLS injection: " + yesNo(s.injectionVulnerable(), "VULNERABLE", "not vulnerable") + "  "
                    + ansi.dim(p(s.injectionEvidence())));
            line("    TLS required before MAIL: " + yesNo(s.requiresTls(), "yes", "no") + "  "
                    + ansi.dim(p(s.requireEvidence())));
        }
    }

    private static String yesNo(Boolean b, String yes, String no) {
        return b == null ? "could not tell" : b ? yes : no;
    }

    private void probe(io.mailtls.tls.probe.TlsProfile p) {
        line(ansi.dim("  Deep probe (" + p.connections() + " connections, " + p.elapsedMillis() + " ms)"));
        StringBuilder protocols = new StringBuilder("    protocols:");
        p.protocols().forEach((k, v) -> protocols.append(' ').append(k).append(v == null ? " ?" : v ? " yes" : " no")
                .append(','));
        line(protocols.substring(0, protocols.length() - 1));
        p.ciphers().forEach((proto, names) -> {
            line("    " + proto + (Boolean.TRUE.equals(p.serverOrder()) ? " (server order)" : "") + ":");
            names.forEach(n -> line("      " + n));
        });
        if (!p.groups().isEmpty()) {
            line("    groups: " + String.join(", ", p.groups()));
        }
        if (p.dhBits() != null) {
            line("    DH prime: " + p.dhBits() + " bits");
        }
    }

    private void certificate(CertificateFacts c) {
        line(ansi.dim("  Certificate chain as sent"));
        Instant now = Instant.now();
        int i = 0;
        for (CertificateInfo x : c.chain()) {
            long days = Duration.between(now, x.notAfter()).toDays();
            line("    [" + i++ + "] " + ansi.bold(p(x.subject())));
            line("        issuer " + p(x.issuer()));
            line("        valid " + x.notBefore().truncatedTo(ChronoUnit.SECONDS) + " to "
                    + x.notAfter().truncatedTo(ChronoUnit.SECONDS) + (days >= 0 ? " (" + days + " days left)" : " (expired)"));
            line("        " + x.key() + ", " + x.signature() + (x.san().isEmpty() ? "" : ", SAN " + p(String.join(" ", x.san()))));
        }
        line("    trusted: " + (c.validation().trusted() ? "yes" : "no") + "    name " + p(String.valueOf(c.expectedName()))
                + " matches: " + (c.nameMatches() ? "yes" : "no"));
    }

    private void finding(Finding f, boolean showEndpoint) {
        String where = showEndpoint && f.endpoint() != null ? ansi.dim("  [" + f.endpoint() + "]") : "";
        line(String.format("  %s %s  %s%s", ansi.color(f.severity(), String.format("%-8s", f.severity())),
                ansi.bold(f.id()), p(f.title()), where));
        if (!f.detail().isEmpty()) {
            line("           " + p(f.detail()));
        }
        if (!f.fix().isEmpty()) {
            // A fix may carry a file to publish (an MTA-STS policy): keep its lines, indented, each made printable.
            String[] lines = f.fix().replace("\r\n", "\n").split("\n");
            line("           " + ansi.bold("fix: ") + p(lines[0]));
            for (int i = 1; i < lines.length; i++) {
                line("                " + p(lines[i]));
            }
        }
    }

    private static String summary(CheckReport r) {
        return switch (r.outcome()) {
            case TLS_OK -> "mail to this server travels over TLS, and nothing above LOW was found";
            case TLS_WEAK -> "TLS works, but with weaknesses listed above";
            case NO_TLS -> "mail to this server cannot travel over TLS";
            case INCONCLUSIVE -> "the server could not be tested from here";
        };
    }

    private static String p(String s) {
        return s == null ? "" : Printable.of(s);
    }

    private void line(String s) {
        out.append(s).append('\n');
    }
}
