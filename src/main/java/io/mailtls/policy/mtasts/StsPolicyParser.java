package io.mailtls.policy.mtasts;

import io.mailtls.policy.HostPatterns;
import io.mailtls.policy.Problem;
import io.mailtls.policy.TagRecord;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The strict parser for MTA-STS policy files (RFC 8461 §3.2 ABNF): it reads what senders read,
 * and collects every deviation. Errors are what makes senders reject the policy; warnings are
 * what the grammar forbids or the RFC advises against but common senders tolerate.
 */
public final class StsPolicyParser {
    /** At most this many problems are listed; a garbage file does not make a garbage report. */
    static final int MAX_PROBLEMS = 50;
    private static final Pattern DIGITS = Pattern.compile("[0-9]{1,10}");
    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    private static final List<String> KNOWN = List.of("version", "mode", "max_age", "mx");
    private static final long ONE_DAY = 86_400L;

    private StsPolicyParser() {
    }

    /** Parses a policy body as fetched (already decoded as UTF-8). */
    public static StsPolicyResult parse(String body) {
        var problems = new Problems();
        if (body.isEmpty()) {
            problems.error("the policy file is empty");
            return new StsPolicyResult(new StsPolicy(null, null, null, List.of(), Map.of()), problems.list(), "none");
        }
        String text = body;
        if (text.charAt(0) == '\uFEFF') {
            problems.error("the file starts with a byte-order mark, so its first field name is not 'version'");
            text = text.substring(1);
        }
        List<String> lines = new ArrayList<>();
        String endings = splitLines(text, lines, problems);

        String version = null;
        StsMode mode = null;
        Long maxAge = null;
        boolean sawMode = false;
        boolean sawMaxAge = false;
        List<String> mx = new ArrayList<>();
        Set<String> seenMx = new HashSet<>();
        Map<String, String> extensions = new LinkedHashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            String at = "line " + (i + 1) + ": ";
            String line = lines.get(i);
            if (line.isEmpty()) {
                if (i < lines.size() - 1) {
                    problems.warning(at + "blank lines are not allowed by the RFC 8461 grammar");
                }
                continue;
            }
            String trimmed = TagRecord.stripWsp(line);
            if (trimmed.isEmpty()) {
                problems.warning(at + "a line of only whitespace is not allowed by the RFC 8461 grammar");
                continue;
            }
            if (line.charAt(0) == ' ' || line.charAt(0) == '\t') {
                problems.warning(at + "leading whitespace is not allowed by the RFC 8461 grammar");
            }
            int colon = trimmed.indexOf(':');
            if (colon < 0) {
                problems.error(at + "'" + TagRecord.clip(trimmed) + "' is not 'name: value'");
                continue;
            }
            String name = trimmed.substring(0, colon);
            String value = TagRecord.stripWsp(trimmed.substring(colon + 1));
            if (!TagRecord.EXT_NAME.matcher(name).matches()) {
                problems.error(at + "field name '" + TagRecord.clip(name)
                        + "' is not 1-32 letters, digits, '_', '-', '.' directly before ':'");
                continue;
            }
            if (hasControl(value)) {
                problems.error(at + "the value of '" + name + "' contains control characters");
                continue;
            }
            switch (name) {
                case "version" -> {
                    if (version != null) {
                        problems.warning(at + "'version' is repeated; senders use the first");
                    } else {
                        version = value;
                        if (!"STSv1".equals(value)) {
                            problems.error(at + "version '" + TagRecord.clip(value) + "' is not 'STSv1'");
                        }
                    }
                }
                case "mode" -> {
                    if (sawMode) {
                        problems.warning(at + "'mode' is repeated; senders use the first");
                    } else {
                        sawMode = true;
                        mode = StsMode.of(value).orElse(null);
                        if (mode == null) {
                            problems.error(at + "mode '" + TagRecord.clip(value)
                                    + "' is not 'enforce', 'testing' or 'none' (lower case)");
                        }
                    }
                }
                case "max_age" -> {
                    if (sawMaxAge) {
                        problems.warning(at + "'max_age' is repeated; senders use the first");
                    } else {
                        sawMaxAge = true;
                        maxAge = maxAge(value, at, problems);
                    }
                }
                case "mx" -> checkMx(value, at, mx, seenMx, problems);
                default -> {
                    if (KNOWN.contains(name.toLowerCase(Locale.ROOT))) {
                        problems.warning(at + "field '" + name + "' is not '" + name.toLowerCase(Locale.ROOT)
                                + "': names are case-sensitive, so senders ignore it");
                    }
                    extensions.putIfAbsent(name, value);
                }
            }
        }
        if (version == null) {
            problems.error("the required 'version: STSv1' field is missing");
        }
        if (!sawMode) {
            problems.error("the required 'mode' field is missing");
        }
        if (!sawMaxAge) {
            problems.error("the required 'max_age' field is missing");
        }
        if (mx.isEmpty() && mode != StsMode.NONE) {
            problems.error("no 'mx' field: a policy in mode " + (mode == null ? "enforce or testing" : mode.token())
                    + " must list at least one MX pattern");
        }
        var policy = new StsPolicy(version, mode, maxAge, mx, extensions);
        return new StsPolicyResult(policy, problems.list(), endings);
    }

    /** Splits at LF or CRLF; a CR not followed by LF is an error. Returns the kind of line ends seen. */
    private static String splitLines(String text, List<String> lines, Problems problems) {
        int crlf = 0;
        int lf = 0;
        int start = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\r') {
                if (i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                    lines.add(text.substring(start, i));
                    crlf++;
                    i++;
                    start = i + 1;
                } else {
                    problems.error("line " + (lines.size() + 1) + ": a CR not followed by LF is not a line end");
                }
            } else if (c == '\n') {
                lines.add(text.substring(start, i));
                lf++;
                start = i + 1;
            }
        }
        lines.add(text.substring(start)); // empty when the file ends with a line end, as allowed
        if (crlf > 0 && lf > 0) {
            problems.warning("the file mixes CRLF and LF line ends (" + crlf + " CRLF, " + lf + " LF)");
            return "mixed";
        }
        return crlf > 0 ? "CRLF" : lf > 0 ? "LF" : "none";
    }

    private static Long maxAge(String value, String at, Problems problems) {
        if (!DIGITS.matcher(value).matches()) {
            problems.error(at + "max_age '" + TagRecord.clip(value) + "' is not 1 to 10 digits");
            return null;
        }
        long seconds = Long.parseLong(value);
        if (seconds > StsPolicy.MAX_AGE_LIMIT) {
            problems.warning(at + "max_age " + seconds + " is above the RFC 8461 maximum of "
                    + StsPolicy.MAX_AGE_LIMIT + " (one year); senders cap it");
        } else if (seconds < ONE_DAY) {
            problems.warning(at + "max_age " + seconds + " is under a day; RFC 8461 §3.2 expects weeks, "
                    + "so that a policy survives an attacker blocking its refresh");
        }
        return seconds;
    }

    private static void checkMx(String value, String at, List<String> mx, Set<String> seen, Problems problems) {
        if (value.isEmpty()) {
            problems.error(at + "'mx' has no value");
            return;
        }
        if (value.endsWith(".")) {
            problems.error(at + "mx pattern '" + TagRecord.clip(value) + "' ends with a dot; write it without one");
            return;
        }
        if (value.contains("*") && !(value.startsWith("*.") && value.indexOf('*', 1) < 0)) {
            problems.error(at + "mx pattern '" + TagRecord.clip(value)
                    + "' may only have a wildcard as its whole first label ('*.example.org')");
            return;
        }
        if (!HostPatterns.isPattern(value)) {
            problems.error(at + "mx pattern '" + TagRecord.clip(value)
                    + "' is not a host name (letters, digits, hyphens, dots)");
            return;
        }
        if (IPV4.matcher(value).matches()) {
            problems.warning(at + "mx pattern '" + value + "' looks like an address; patterns match MX host names");
        }
        if (!seen.add(value.toLowerCase(Locale.ROOT))) {
            problems.warning(at + "mx pattern '" + value + "' is listed twice");
            return;
        }
        mx.add(value);
    }

    private static boolean hasControl(String s) {
        return s.chars().anyMatch(c -> c < 0x20 || c == 0x7f);
    }

    /** Collects problems up to a bound, then counts the rest. */
    private static final class Problems {
        private final List<Problem> errors = new ArrayList<>();
        private final List<Problem> warnings = new ArrayList<>();
        private int dropped;
        private boolean droppedError;

        void error(String message) {
            add(errors, Problem.error(message));
        }

        void warning(String message) {
            add(warnings, Problem.warning(message));
        }

        private void add(List<Problem> to, Problem p) {
            if (errors.size() + warnings.size() < MAX_PROBLEMS) {
                to.add(p);
            } else {
                dropped++;
                droppedError |= p.level() == Problem.Level.ERROR;
            }
        }

        List<Problem> list() {
            List<Problem> all = new ArrayList<>(errors);
            all.addAll(warnings);
            if (dropped > 0) {
                String message = dropped + " more problems not listed";
                all.add(droppedError ? Problem.error(message) : Problem.warning(message));
            }
            return all;
        }
    }
}
