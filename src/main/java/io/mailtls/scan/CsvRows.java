package io.mailtls.scan;

/** The one-row-per-target CSV (RFC 4180): target, outcome, worst severity, finding ids, endpoints, ms. */
final class CsvRows {
    static final String HEADER = "target,outcome,worst_severity,finding_ids,endpoints,ms";

    private CsvRows() {
    }

    /** The row of one result, without the line end; finding ids separated by spaces. */
    static String row(ResultSummary s) {
        return field(s.target()) + ',' + s.outcome().name() + ',' + s.worst().name() + ','
                + field(String.join(" ", s.ids())) + ',' + s.endpoints() + ',' + s.millis();
    }

    /** Quotes a field when it holds a comma, a quote, a line end, or starts with a formula character. */
    static String field(String v) {
        String s = v;
        // A spreadsheet runs a cell that starts with = + - @ as a formula; a leading quote keeps it text.
        if (!s.isEmpty() && "=+-@".indexOf(s.charAt(0)) >= 0) {
            s = "'" + s;
        }
        if (s.indexOf(',') >= 0 || s.indexOf('"') >= 0 || s.indexOf('\n') >= 0 || s.indexOf('\r') >= 0) {
            return '"' + s.replace("\"", "\"\"") + '"';
        }
        return s;
    }
}
