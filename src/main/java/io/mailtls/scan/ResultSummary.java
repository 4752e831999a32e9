package io.mailtls.scan;

import io.mailtls.audit.CheckReport;
import io.mailtls.check.Finding;
import io.mailtls.check.Severity;
import io.mailtls.facts.Outcome;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * The few facts of one target's result that the CSV, the progress bar and the summary table need, taken from a
 * fresh report or from an earlier output line (on {@code --resume}).
 *
 * @param target    the target as given
 * @param outcome   its outcome
 * @param worst     the worst severity of its findings
 * @param ids       the distinct ids of its findings above OK, worst first
 * @param endpoints how many endpoints were checked
 * @param millis    how long the check took
 */
public record ResultSummary(String target, Outcome outcome, Severity worst, List<String> ids, int endpoints,
                            long millis) {
    /** More distinct ids than any real report has; a longer list in a resumed file is cut. */
    static final int MAX_IDS = 64;
    private static final java.util.regex.Pattern ID = java.util.regex.Pattern.compile("[A-Z0-9_]{1,64}");

    public ResultSummary {
        ids = List.copyOf(ids);
    }

    /** The summary of a fresh report. */
    public static ResultSummary of(CheckReport r) {
        Set<String> ids = new LinkedHashSet<>();
        for (Finding f : r.findings()) {
            if (f.severity() != Severity.OK && ids.size() < MAX_IDS) {
                ids.add(f.id());
            }
        }
        return new ResultSummary(r.target(), r.outcome(), r.worst(), List.copyOf(ids), r.endpoints().size(),
                r.millis());
    }

    /**
     * The summary of a {@code mailtls.check/1} document read back from an output file.
     *
     * @throws IllegalArgumentException when the document is not one mailtls wrote
     */
    public static ResultSummary of(JsonNode doc) {
        if (!doc.isObject() || !"mailtls.check/1".equals(doc.path("schema").stringValue(null))) {
            throw new IllegalArgumentException("not a mailtls.check/1 document");
        }
        String target = doc.path("target").stringValue(null);
        if (target == null) {
            throw new IllegalArgumentException("no target");
        }
        Outcome outcome = parse(Outcome.class, doc.path("outcome").stringValue(""));
        Severity worst = Severity.OK;
        Set<String> ids = new LinkedHashSet<>();
        for (JsonNode f : doc.path("findings")) {
            Severity s = parse(Severity.class, f.path("severity").stringValue(""));
            worst = s.worseThan(worst) ? s : worst;
            String id = f.path("id").stringValue("");
            // Ids are printed in the summary table: only the contract's upper-snake-case ones are taken.
            if (s != Severity.OK && ID.matcher(id).matches() && ids.size() < MAX_IDS) {
                ids.add(id);
            }
        }
        return new ResultSummary(target, outcome, worst, List.copyOf(ids), doc.path("endpoints").size(),
                doc.path("duration_ms").longValue(0));
    }

    private static <E extends Enum<E>> E parse(Class<E> type, String name) {
        try {
            return Enum.valueOf(type, name);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown " + type.getSimpleName().toLowerCase(Locale.ROOT) + " '"
                    + (name.length() > 40 ? name.substring(0, 40) + "..." : name) + "'");
        }
    }
}
