package io.mailtls.demo;

import io.mailtls.check.Finding;
import io.mailtls.check.Severity;
import io.mailtls.report.Ansi;
import java.util.List;
import java.util.stream.Collectors;

/** The demo's summary: one row per scenario with its outcome and the findings that matter. */
public final class DemoTable {
    private DemoTable() {
    }

    /** Renders the table. */
    public static String render(List<Demo.Result> results, Ansi ansi) {
        StringBuilder b = new StringBuilder();
        b.append(ansi.bold(String.format("%-22s %-17s %-13s %s", "scenario", "endpoint", "outcome", "main findings")))
                .append('\n');
        for (Demo.Result r : results) {
            String findings = r.report().findings().stream().filter(f -> f.severity().worseThan(Severity.OK))
                    .map(f -> ansi.color(f.severity(), f.id())).distinct().collect(Collectors.joining(" "));
            String outcome = String.format("%-13s", r.report().outcome().name());
            b.append(String.format("%-22s %-17s ", r.scenario().id(), "127.0.0.1:" + r.address().getPort()))
                    .append(ansi.color(r.report().outcome(), outcome)).append(' ')
                    .append(findings.isEmpty() ? ansi.dim("-") : findings).append('\n');
        }
        return b.toString();
    }

    /** The worst severity found in a report's findings other than OK. */
    static Severity worst(List<Finding> findings) {
        return findings.stream().map(Finding::severity).reduce(Severity.OK, (a, x) -> x.worseThan(a) ? x : a);
    }
}
