package io.mailtls.scan;

import io.mailtls.facts.Outcome;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Running counts of a scan's results: targets per outcome and per finding id. Finding ids come from a fixed
 * vocabulary, but a resumed file is read back, so the id map is bounded too.
 */
public final class ScanTally {
    static final int MAX_IDS = 1_000;

    private final EnumMap<Outcome, Long> outcomes = new EnumMap<>(Outcome.class);
    private final Map<String, Long> ids = new HashMap<>();
    private long targets;

    /** Counts one result. */
    synchronized void add(ResultSummary s) {
        targets++;
        outcomes.merge(s.outcome(), 1L, Long::sum);
        for (String id : s.ids()) {
            if (ids.containsKey(id) || ids.size() < MAX_IDS) {
                ids.merge(id, 1L, Long::sum);
            }
        }
    }

    /** Adds another tally's counts (the resumed part of a scan). */
    synchronized void addAll(ScanTally other) {
        ScanTally o = other.copy();
        targets += o.targets;
        o.outcomes.forEach((k, v) -> outcomes.merge(k, v, Long::sum));
        o.ids.forEach((k, v) -> {
            if (ids.containsKey(k) || ids.size() < MAX_IDS) {
                ids.merge(k, v, Long::sum);
            }
        });
    }

    /** Targets counted. */
    public synchronized long targets() {
        return targets;
    }

    /** Targets with {@code o}. */
    public synchronized long count(Outcome o) {
        return outcomes.getOrDefault(o, 0L);
    }

    /** Targets per finding id, most frequent first (ties by id), at most {@code n}. */
    public synchronized Map<String, Long> topFindings(int n) {
        Map<String, Long> out = new LinkedHashMap<>();
        ids.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .limit(n).forEach(e -> out.put(e.getKey(), e.getValue()));
        return out;
    }

    /** A snapshot. */
    public synchronized ScanTally copy() {
        ScanTally t = new ScanTally();
        t.targets = targets;
        t.outcomes.putAll(outcomes);
        t.ids.putAll(ids);
        return t;
    }

    /** {@code TLS_OK 120  TLS_WEAK 3 ...}: the outcomes so far, for a progress line. */
    public synchronized String outcomesLine() {
        StringBuilder b = new StringBuilder();
        for (Outcome o : Outcome.values()) {
            if (!b.isEmpty()) {
                b.append("  ");
            }
            b.append(o.name()).append(' ').append(outcomes.getOrDefault(o, 0L));
        }
        return b.toString();
    }
}
