package io.mailtls.lab;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The argument of MAIL or RCPT (RFC 5321 section 4.1.2): {@code FROM:<path> params} or
 * {@code TO:<path> params}, parsed leniently about spaces and strictly about everything else.
 *
 * @param address    the mailbox inside the angle brackets (empty for the null reverse path)
 * @param parameters the ESMTP parameters after the path, such as {@code SIZE=1000}
 */
record MailPath(String address, List<String> parameters) {

    /** RFC 5321 section 4.5.3.1.3: a path is at most 256 octets. */
    static final int MAX_PATH = 256;
    private static final int MAX_PARAMETERS = 16;

    /** Parses {@code argument} after the keyword ({@code "FROM:"} or {@code "TO:"}). */
    static Optional<MailPath> parse(String keyword, String argument) {
        if (!argument.regionMatches(true, 0, keyword, 0, keyword.length())) {
            return Optional.empty();
        }
        String rest = argument.substring(keyword.length()).stripLeading();
        int close = rest.indexOf('>');
        if (!rest.startsWith("<") || close < 0 || close - 1 > MAX_PATH) {
            return Optional.empty();
        }
        String address = rest.substring(1, close);
        for (int i = 0; i < address.length(); i++) {
            char c = address.charAt(i);
            if (c <= ' ' || c == '<' || c == 0x7f) {
                return Optional.empty();
            }
        }
        String tail = rest.substring(close + 1).strip();
        List<String> parameters = tail.isEmpty() ? List.of() : List.of(tail.split("\\s+"));
        if (parameters.size() > MAX_PARAMETERS) {
            return Optional.empty();
        }
        return Optional.of(new MailPath(address, parameters));
    }

    /** The value of a {@code SIZE=n} parameter (RFC 1870), if present and numeric. */
    OptionalLong declaredSize() {
        for (String parameter : parameters) {
            String upper = parameter.toUpperCase(Locale.ROOT);
            if (upper.startsWith("SIZE=") && upper.length() > 5 && upper.length() <= 5 + 18
                    && upper.substring(5).chars().allMatch(c -> c >= '0' && c <= '9')) {
                return OptionalLong.of(Long.parseLong(upper.substring(5)));
            }
        }
        return OptionalLong.empty();
    }
}
