package io.mailtls.scan;

import io.mailtls.facts.Outcome;
import java.util.Locale;
import java.util.Map;

/** The table printed at the end of a scan: outcomes and the most common findings, with percentages. */
public final class SummaryTable {
    /** Finding ids shown. */
    static final int TOP = 12;

    private SummaryTable() {
    }

    /** The table, several lines, each ending with a line end. */
    public static String render(ScanTotals t) {
        StringBuilder b = new StringBuilder();
        long all = t.tally().targets();
        b.append(String.format(Locale.ROOT, "mailtls scan: %d targets checked in %.1f s (%.1f targets/s)",
                t.checked(), t.elapsed().toNanos() / 1e9, t.rate()));
        if (t.resumed() > 0) {
            b.append(String.format(Locale.ROOT, ", %d kept from the earlier run", t.resumed()));
        }
        if (t.skipped() > 0) {
            b.append(String.format(Locale.ROOT, ", %d repeated lines skipped", t.skipped()));
        }
        b.append('\n');
        b.append(String.format(Locale.ROOT, "endpoint conversations %d (%d more answered by shared results), "
                + "DNS questions %d (%d more answered from the cache)%n", t.conversations(), t.sharedEndpoints(),
                t.dnsAsked(), t.dnsSaved()));
        if (t.invalid() > 0 || t.deadlines() > 0) {
            b.append(String.format(Locale.ROOT, "input lines that are not targets: %d (%s); targets out of time: %d "
                    + "(%s)%n", t.invalid(), ErrorReports.TARGET_INVALID, t.deadlines(),
                    ErrorReports.DEADLINE_EXCEEDED));
        }
        b.append('\n');
        b.append(String.format(Locale.ROOT, "%-30s %9s %8s%n", "outcome", "targets", "%"));
        for (Outcome o : Outcome.values()) {
            b.append(row(o.name(), t.tally().count(o), all));
        }
        b.append(row("total", all, all));
        Map<String, Long> top = t.tally().topFindings(TOP);
        if (!top.isEmpty()) {
            b.append('\n');
            b.append(String.format(Locale.ROOT, "%-30s %9s %8s%n", "most common findings", "targets", "%"));
            top.forEach((id, n) -> b.append(row(id, n, all)));
        }
        return b.toString();
    }

    private static String row(String name, long n, long all) {
        double pct = all == 0 ? 0 : 100.0 * n / all;
        String shown = name.length() > 30 ? name.substring(0, 29) + "~" : name;
        return String.format(Locale.ROOT, "%-30s %9d %7.1f%%%n", shown, n, pct);
    }
}
