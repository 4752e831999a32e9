package io.mailtls.report.html;

import io.mailtls.facts.Outcome;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** The words reports show for outcomes and times, shared by the HTML report and the web pages. */
public final class Labels {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'")
            .withZone(ZoneOffset.UTC);

    private Labels() {
    }

    /** A short name for an outcome: "TLS OK", "TLS weak", "No TLS", "Inconclusive". */
    public static String outcome(Outcome o) {
        return switch (o) {
            case TLS_OK -> "TLS OK";
            case TLS_WEAK -> "TLS weak";
            case NO_TLS -> "No TLS";
            case INCONCLUSIVE -> "Inconclusive";
        };
    }

    /** One sentence saying what the report's outcome means for the mail, honest about its worst finding. */
    public static String summary(io.mailtls.audit.CheckReport r) {
        io.mailtls.check.Severity worst = r.worst();
        if (r.outcome() == Outcome.TLS_OK && worst.worseThan(io.mailtls.check.Severity.LOW)) {
            return "Mail to this server travels over TLS, but the findings below need attention (worst: " + worst + ").";
        }
        return summary(r.outcome());
    }

    /** One sentence saying what the outcome means for the mail. */
    public static String summary(Outcome o) {
        return switch (o) {
            case TLS_OK -> "Mail to this server travels over TLS, and nothing above LOW was found.";
            case TLS_WEAK -> "TLS works, but with the weaknesses listed below.";
            case NO_TLS -> "Mail to this server cannot travel over TLS.";
            case INCONCLUSIVE -> "The server could not be tested from here; the findings say why.";
        };
    }

    /** The CSS class of an outcome, such as {@code outcome-tls-ok}. */
    public static String outcomeClass(Outcome o) {
        return "outcome-" + Html.token(o.name());
    }

    /** An instant for people, in UTC to the second. */
    public static String time(Instant t) {
        return t == null ? "" : TIME.format(t);
    }
}
