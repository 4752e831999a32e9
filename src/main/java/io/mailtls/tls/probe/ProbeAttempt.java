package io.mailtls.tls.probe;

/**
 * The envelope around every probe step, so "could not test" never collapses into "not supported".
 *
 * @param <T> the value a completed step yields
 */
public sealed interface ProbeAttempt<T> {

    /**
     * The step ran and produced a value.
     *
     * @param value the result
     */
    record Completed<T>(T value) implements ProbeAttempt<T> {
    }

    /**
     * The step ran but its answer allows no conclusion (timeout, malformed or non-TLS answer).
     *
     * @param why what was seen
     */
    record Inconclusive<T>(String why) implements ProbeAttempt<T> {
    }

    /**
     * The step could not run: the connection or the preamble failed, after any retries.
     *
     * @param kind   the failure class
     * @param detail the evidence
     */
    record Failed<T>(FailureKind kind, String detail) implements ProbeAttempt<T> {
    }
}
