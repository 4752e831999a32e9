package io.mailtls.policy;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The shared grammar of the MTA-STS and TLS-RPT TXT records (RFC 8461 §3.1, RFC 8460 §3):
 * {@code version 1*(field-delim field) [field-delim]}, {@code field-delim = *WSP ";" *WSP},
 * {@code field = name "=" value}.
 *
 * @param fields   the name/value pairs after the version, in order
 * @param problems every syntax problem found
 */
public record TagRecord(List<Field> fields, List<Problem> problems) {
    /** {@code (ALPHA / DIGIT) *31(ALPHA / DIGIT / "_" / "-" / ".")}. */
    public static final Pattern EXT_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,31}");
    /** {@code 1*(%x21-3A / %x3C / %x3E-7E)}: visible ASCII except "=" and ";". */
    public static final Pattern EXT_VALUE = Pattern.compile("[\\x21-\\x3A\\x3C\\x3E-\\x7E]+");

    /** One {@code name=value} field. */
    public record Field(String name, String value) {
    }

    public TagRecord {
        fields = List.copyOf(fields);
        problems = List.copyOf(problems);
    }

    /** Parses {@code text}, which must begin with {@code version} (e.g. {@code "v=STSv1"}). */
    public static TagRecord parse(String text, String version) {
        List<Problem> problems = new ArrayList<>();
        List<Field> fields = new ArrayList<>();
        if (!text.startsWith(version)) {
            problems.add(Problem.error("does not begin with '" + version + "'"));
            return new TagRecord(fields, problems);
        }
        String rest = text.substring(version.length());
        String afterWsp = stripWsp(rest);
        if (afterWsp.isEmpty()) {
            problems.add(Problem.error("has no fields after '" + version + "'"));
            return new TagRecord(fields, problems);
        }
        if (afterWsp.charAt(0) != ';') {
            problems.add(Problem.error("expected ';' after '" + version + "', found '" + clip(afterWsp) + "'"));
            return new TagRecord(fields, problems);
        }
        String[] parts = afterWsp.substring(1).split(";", -1);
        for (int i = 0; i < parts.length; i++) {
            String part = stripWsp(parts[i]);
            boolean last = i == parts.length - 1;
            if (part.isEmpty()) {
                if (!last || i == 0) {
                    problems.add(Problem.error(i == 0 && last ? "has no fields after '" + version + ";'"
                            : "has an empty field between ';' delimiters"));
                }
                continue;
            }
            int eq = part.indexOf('=');
            if (eq < 0) {
                problems.add(Problem.error("field '" + clip(part) + "' is not name=value"));
                continue;
            }
            String name = part.substring(0, eq);
            String value = part.substring(eq + 1);
            if (!EXT_NAME.matcher(name).matches()) {
                problems.add(Problem.error("field name '" + clip(name) + "' is not 1-32 letters, digits, '_', '-', '.'"));
                continue;
            }
            fields.add(new Field(name, value));
        }
        if (fields.isEmpty() && problems.isEmpty()) {
            problems.add(Problem.error("has no fields after '" + version + "'"));
        }
        return new TagRecord(fields, problems);
    }

    /** Checks an unknown field's value against the extension-value rule, adding a problem if it fails. */
    public static void checkExtension(Field field, List<Problem> problems) {
        if (!EXT_VALUE.matcher(field.value()).matches()) {
            problems.add(Problem.error("field '" + field.name() + "' has a value with spaces, '=', ';' or "
                    + "non-ASCII characters: '" + clip(field.value()) + "'"));
        }
    }

    /** Strips leading and trailing WSP (space and tab only, as in RFC 5234). */
    public static String stripWsp(String s) {
        int start = 0;
        int end = s.length();
        while (start < end && (s.charAt(start) == ' ' || s.charAt(start) == '\t')) {
            start++;
        }
        while (end > start && (s.charAt(end - 1) == ' ' || s.charAt(end - 1) == '\t')) {
            end--;
        }
        return s.substring(start, end);
    }

    /** Shortens evidence to 80 characters and escapes control characters. */
    public static String clip(String s) {
        var out = new StringBuilder();
        for (char c : s.toCharArray()) {
            if (out.length() >= 80) {
                return out.append("...").toString();
            }
            out.append(c < 0x20 || c == 0x7f ? String.format("\\x%02x", (int) c) : String.valueOf(c));
        }
        return out.toString();
    }
}
