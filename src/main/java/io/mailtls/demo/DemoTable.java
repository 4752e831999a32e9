package io.mailtls.demo;

import io.mailtls.check.Severity;
import io.mailtls.delivery.DeliveryVerdict;
import io.mailtls.report.Ansi;
import io.mailtls.tls.probe.TlsProfile;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** The demo's summaries: one row per scenario, deep probe or domain, with outcome and the findings that matter. */
public final class DemoTable {
    private DemoTable() {
    }

    /** The table of one kind of result ({@code endpoint}, {@code deep} or {@code domain}). */
    public static String render(List<Demo.Result> results, String kind, Ansi ansi) {
        StringBuilder b = new StringBuilder();
        boolean domain = kind.equals("domain");
        b.append(ansi.bold(String.format("%-20s %-13s %s", domain ? "domain" : "scenario", "outcome",
                domain ? "main findings; what an MTA-STS and a DANE sender do" : "main findings"))).append('\n');
        for (Demo.Result r : results) {
            if (!r.kind().equals(kind)) {
                continue;
            }
            boolean untested = r.report().outcome() == io.mailtls.facts.Outcome.INCONCLUSIVE;
            String findings = r.report().findings().stream()
                    .filter(f -> f.severity().worseThan(Severity.INFO) || untested && f.severity() == Severity.INFO)
                    .map(f -> ansi.color(f.severity(), f.id())).distinct().collect(Collectors.joining(" "));
            b.append(String.format("%-20s ", r.name())).append(ansi.color(r.report().outcome(),
                    String.format("%-13s", r.report().outcome().name()))).append(' ')
                    .append(findings.isEmpty() ? ansi.dim("-") : findings);
            if (domain) {
                b.append(ansi.dim("; mta-sts " + outcome(r, "mta-sts") + ", dane " + outcome(r, "dane")));
            }
            b.append('\n');
            if (kind.equals("deep") && !r.report().endpoints().isEmpty()) {
                TlsProfile p = r.report().endpoints().getFirst().facts().probe();
                if (p != null) {
                    String protocols = p.protocols().entrySet().stream().filter(e -> Boolean.TRUE.equals(e.getValue()))
                            .map(Map.Entry::getKey).collect(Collectors.joining(" "));
                    int suites = p.ciphers().values().stream().mapToInt(List::size).sum();
                    b.append(ansi.dim(String.format("%-20s %s; %d suites; groups %s; %d connections, %d ms", "",
                            protocols, suites, p.groups(), p.connections(), p.elapsedMillis()))).append('\n');
                }
            }
        }
        return b.toString();
    }

    private static String outcome(Demo.Result r, String sender) {
        return r.report().delivery().stream().filter(d -> d.sender().equals(sender)).map(DeliveryVerdict::outcome)
                .findFirst().orElse("?");
    }
}
