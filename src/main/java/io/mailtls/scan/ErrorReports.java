package io.mailtls.scan;

import io.mailtls.audit.CheckReport;
import io.mailtls.check.Finding;
import io.mailtls.check.Severity;
import io.mailtls.facts.Outcome;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The output line of a target that could not be checked: a line that names no target, a target that outran the
 * scan's deadline, or a failure inside mailtls. Each is an INCONCLUSIVE report with one finding, so a scan's
 * output holds exactly one line per input target whatever happens.
 */
final class ErrorReports {
    /** A line of the input that is not a target. */
    static final String TARGET_INVALID = "TARGET_INVALID";
    /** The whole target ran out of time (the endpoint-level finding of the same name exists). */
    static final String DEADLINE_EXCEEDED = "DEADLINE_EXCEEDED";
    /** mailtls itself failed on this target: a bug to report. */
    static final String CHECK_ERROR = "CHECK_ERROR";

    private ErrorReports() {
    }

    static CheckReport invalid(String text, String reason) {
        return report(text, 0, new Finding(TARGET_INVALID, Severity.INFO, "The input line is not a target",
                reason + ".", "Write one domain, host, host:port, [ipv6]:port, smtps://host or submission://host "
                + "a line; '#' starts a comment.", null));
    }

    static CheckReport deadline(String text, Duration limit, long millis) {
        return report(text, millis, new Finding(DEADLINE_EXCEEDED, Severity.INFO, "The check ran out of time",
                "The target was not done within the scan's limit of " + limit.toSeconds() + " s per target "
                + "(waits for busy servers and retries included).",
                "Scan this target again alone (mailtls check), or raise --target-timeout.", null));
    }

    static CheckReport failed(String text, Throwable cause, long millis) {
        Throwable root = cause;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return report(text, millis, new Finding(CHECK_ERROR, Severity.INFO, "mailtls failed on this target",
                "Internal error: " + root.getClass().getSimpleName() + ": " + root.getMessage(),
                "Please report this with the target; mailtls check TARGET may show more.", null));
    }

    private static CheckReport report(String text, long millis, Finding f) {
        return new CheckReport(text, Instant.now().minusMillis(millis), millis, Outcome.INCONCLUSIVE, List.of(f),
                List.of(), List.of(), null);
    }
}
