package io.mailtls.policy.mtasts;

import io.mailtls.dns.DnsAnswer;
import io.mailtls.dns.TxtRecord;
import io.mailtls.policy.Problem;
import io.mailtls.policy.TagRecord;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/** Parses {@code _mta-sts} TXT records (RFC 8461 §3.1), collecting every problem. */
public final class StsRecordParser {
    static final String VERSION = "v=STSv1";
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9]{1,32}");

    private StsRecordParser() {
    }

    /** Judges a TXT lookup of {@code _mta-sts.DOMAIN}. */
    public static StsRecordResult evaluate(DnsAnswer<TxtRecord> txt) {
        if (!txt.outcome().conclusive()) {
            return new StsRecordResult(txt, StsRecordStatus.LOOKUP_FAILED, List.of(), null,
                    List.of(Problem.error("the TXT lookup failed: " + txt.summary())));
        }
        StsRecordResult r = evaluate(txt.records());
        return new StsRecordResult(txt, r.status(), r.candidates(), r.record(), r.problems());
    }

    /**
     * Judges TXT records: those not starting with {@code v=STSv1} are discarded; exactly one must
     * remain and be valid, else senders assume no MTA-STS.
     */
    public static StsRecordResult evaluate(List<TxtRecord> records) {
        List<TxtRecord> candidates = records.stream().filter(r -> r.text().startsWith(VERSION)).toList();
        List<TxtRecord> nearMisses = records.stream()
                .filter(r -> !r.text().startsWith(VERSION) && r.text().toLowerCase(Locale.ROOT).startsWith("v=sts"))
                .toList();
        List<Problem> problems = new ArrayList<>();
        if (candidates.isEmpty()) {
            if (nearMisses.isEmpty()) {
                return new StsRecordResult(null, StsRecordStatus.NONE, List.of(), null, List.of());
            }
            for (TxtRecord r : nearMisses) {
                problems.add(Problem.error("record '" + TagRecord.clip(r.display()) + "' must begin with exactly '"
                        + VERSION + "' (case-sensitive), so senders ignore it"));
            }
            return new StsRecordResult(null, StsRecordStatus.INVALID, display(nearMisses), null, problems);
        }
        if (candidates.size() > 1) {
            problems.add(Problem.error(candidates.size() + " records begin with '" + VERSION
                    + "'; with more than one, senders assume the domain has no MTA-STS (RFC 8461 §3.1)"));
            return new StsRecordResult(null, StsRecordStatus.INVALID, display(candidates), null, problems);
        }
        TxtRecord only = candidates.getFirst();
        if (only.oversized()) {
            problems.add(Problem.error("the record is " + only.octets() + " octets long, over the "
                    + TxtRecord.MAX_OCTETS + " this tool reads"));
            return new StsRecordResult(null, StsRecordStatus.INVALID, display(candidates), null, problems);
        }
        StsRecord record = parse(only.text(), problems);
        boolean valid = !Problem.anyError(problems);
        return new StsRecordResult(null, valid ? StsRecordStatus.VALID : StsRecordStatus.INVALID,
                display(candidates), valid ? record : null, problems);
    }

    private static List<String> display(List<TxtRecord> records) {
        return records.stream().map(TxtRecord::display).toList();
    }

    /** Parses one record's text, adding every problem to {@code problems}; returns what could be read. */
    public static StsRecord parse(String text, List<Problem> problems) {
        TagRecord tags = TagRecord.parse(text, VERSION);
        problems.addAll(tags.problems());
        String id = null;
        Map<String, String> extensions = new LinkedHashMap<>();
        for (TagRecord.Field field : tags.fields()) {
            if (field.name().equals("id")) {
                if (id != null) {
                    problems.add(Problem.warning("'id' appears more than once; senders may use only the first"));
                    continue;
                }
                id = field.value();
                if (!ID.matcher(id).matches()) {
                    problems.add(Problem.error("id '" + TagRecord.clip(id) + "' must be 1 to 32 letters and digits"
                            + (id.length() > 32 ? " (it has " + id.length() + " characters)" : "")));
                }
            } else {
                if (field.name().equalsIgnoreCase("id") || field.name().equalsIgnoreCase("v")) {
                    problems.add(Problem.warning("field '" + field.name() + "' is not '"
                            + field.name().toLowerCase(Locale.ROOT) + "': names are case-sensitive"));
                }
                TagRecord.checkExtension(field, problems);
                extensions.put(field.name(), field.value());
            }
        }
        boolean unreadable = tags.fields().isEmpty() && !tags.problems().isEmpty();
        if (id == null && !unreadable) {
            problems.add(Problem.error("the required 'id' field is missing"));
        }
        return new StsRecord(id, extensions);
    }
}
