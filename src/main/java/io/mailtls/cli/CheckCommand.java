package io.mailtls.cli;

import io.mailtls.audit.CheckReport;
import io.mailtls.audit.TargetAudit;
import io.mailtls.cert.TrustAnchors;
import io.mailtls.net.Target;
import io.mailtls.net.TargetParser;
import io.mailtls.report.JsonReport;
import io.mailtls.report.TextReport;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code mailtls check TARGET}: the SMTP conversation, TLS and certificate of one target, with a verdict. */
@Command(name = "check", mixinStandardHelpOptions = true,
        description = "Check a mail server's STARTTLS, TLS and certificate, and say what senders will do.",
        footer = {"", "Exit status: 0 nothing above LOW, 1 MEDIUM or HIGH, 2 CRITICAL (no TLS), 3 inconclusive, 64 usage error."})
public final class CheckCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(paramLabel = "TARGET", description = "host, host:port, ipv4:port, [ipv6]:port, smtps://host, submission://host")
    String target;

    @Mixin
    CheckingOptions checking;

    @Mixin
    OutputOptions output;

    @picocli.CommandLine.Option(names = "--html", paramLabel = "FILE",
            description = "Also write the self-contained HTML report to FILE.")
    java.nio.file.Path html;

    @Override
    public Integer call() {
        Target t;
        try {
            t = TargetParser.parse(target);
        } catch (IllegalArgumentException e) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        TrustAnchors.warmUp(); // the JDK's trust store loads while the SMTP dialog runs
        var options = checking.toOptions();
        if (checking.host) {
            t = t.asHost();
        }
        CheckReport report = new TargetAudit(options, TargetAudit.Progress.NONE).check(t);
        if (html != null) {
            try {
                io.mailtls.report.html.HtmlReport.write(report, html);
            } catch (java.io.IOException e) {
                throw new UserErrors.UsageException("--html " + html + ": " + e.getMessage());
            }
        }
        PrintWriter out = spec.commandLine().getOut();
        if (output.json) {
            out.println(JsonReport.pretty(report, true));
        } else {
            out.print(TextReport.render(report, output.ansi()));
        }
        out.flush();
        return report.exitCode();
    }
}
