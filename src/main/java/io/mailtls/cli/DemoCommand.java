package io.mailtls.cli;

import io.mailtls.demo.Demo;
import io.mailtls.demo.DemoTable;
import io.mailtls.lab.LabStartException;
import io.mailtls.lab.Scenario;
import io.mailtls.report.Ansi;
import io.mailtls.report.TextReport;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code mailtls demo}: the lab and the checks together, offline, in seconds. */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Start the fault lab on loopback and check a representative set of its scenarios, offline.")
public final class DemoCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--no-color", description = "Plain text.")
    boolean noColor;

    @Option(names = "--quiet", description = "Print nothing; exit 0 when every scenario gave its expected outcome.")
    boolean quiet;

    @Option(names = "--report", paramLabel = "NAME", defaultValue = "expired-enforce",
            description = "The scenario or domain whose full annotated report is shown (default: ${DEFAULT-VALUE}).")
    String report;

    @Override
    public Integer call() throws LabStartException {
        List<String> names = new java.util.ArrayList<>(Demo.SCENARIOS.stream().map(Scenario::id).toList());
        names.addAll(Demo.DOMAINS);
        if (!names.contains(report)) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--report must be one of " + names);
        }
        long t0 = System.nanoTime();
        List<Demo.Result> results = Demo.run();
        long ms = (System.nanoTime() - t0) / 1_000_000L;
        if (quiet) {
            // The launcher trains Java's AOT cache with `demo --quiet`: render every format so their classes are in it.
            for (Demo.Result r : results) {
                TextReport.render(r.report(), new Ansi(false));
                io.mailtls.report.JsonReport.pretty(r.report(), true);
                io.mailtls.report.html.HtmlReport.render(r.report());
            }
            return 0;
        }
        var console = System.console();
        Ansi ansi = new Ansi(!noColor && System.getenv("NO_COLOR") == null && console != null && console.isTerminal());
        PrintWriter out = spec.commandLine().getOut();
        out.println(ansi.bold("mailtls demo") + ": the fault lab on 127.0.0.1 (SMTP endpoints, a DNSSEC-signed DNS "
                + "server for lab.test, an MTA-STS policy host), " + results.size() + " checks by the real engine in "
                + ms + " ms, offline.");
        out.println();
        out.println(ansi.bold("Mail servers") + ansi.dim("  (mailtls check 127.0.0.1:PORT)"));
        out.print(DemoTable.render(results, "endpoint", ansi));
        out.println();
        out.println(ansi.bold("Deep probes") + ansi.dim("  (mailtls check --deep: every protocol, suite and group, "
                + "STARTTLS injection)"));
        out.print(DemoTable.render(results, "deep", ansi));
        out.println();
        out.println(ansi.bold("Mail domains") + ansi.dim("  (mailtls check DOMAIN: MX, MTA-STS, DANE, TLS-RPT)"));
        out.print(DemoTable.render(results, "domain", ansi));
        out.println();
        Demo.Result r = results.stream().filter(x -> x.name().equals(report) && !x.kind().equals("deep"))
                .findFirst().orElseThrow();
        out.println(ansi.bold("The full report for " + r.target() + " (" + r.name() + "), as `mailtls check` prints it:"));
        out.println();
        out.print(TextReport.render(r.report(), ansi));
        out.println();
        out.println(ansi.dim("Try it yourself: ./mailtls lab --all --port-base 2525 --ca-out /tmp/lab-ca.pem, then"));
        out.println(ansi.dim("  ./mailtls check 127.0.0.1:2525 --ca-file /tmp/lab-ca.pem --expect-name mx.lab.test"));
        out.flush();
        return 0;
    }
}
