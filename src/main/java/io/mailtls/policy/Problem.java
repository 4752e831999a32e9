package io.mailtls.policy;

import java.util.List;
import java.util.Objects;

/**
 * One thing wrong with a published record or policy, with the evidence in its message.
 *
 * @param level   ERROR makes the record invalid (senders ignore it); WARNING is valid but questionable
 * @param message what is wrong and where, e.g. {@code "line 3: mode 'enforced' is not testing, enforce or none"}
 */
public record Problem(Level level, String message) {
    /** How much a problem matters to senders. */
    public enum Level { ERROR, WARNING }

    public Problem {
        Objects.requireNonNull(level, "level");
        Objects.requireNonNull(message, "message");
    }

    public static Problem error(String message) {
        return new Problem(Level.ERROR, message);
    }

    public static Problem warning(String message) {
        return new Problem(Level.WARNING, message);
    }

    /** True when any problem is an error. */
    public static boolean anyError(List<Problem> problems) {
        return problems.stream().anyMatch(p -> p.level() == Level.ERROR);
    }

    /** The messages of the problems at {@code level}. */
    public static List<String> messages(List<Problem> problems, Level level) {
        return problems.stream().filter(p -> p.level() == level).map(Problem::message).toList();
    }
}
