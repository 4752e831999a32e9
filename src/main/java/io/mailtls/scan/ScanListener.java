package io.mailtls.scan;

/**
 * Watches a scan's progress (a progress bar, tests): {@link #skipped} comes from the reader thread, the other events
 * from the writer thread.
 */
public interface ScanListener {
    /** The scan starts; {@code total} is the number of targets expected, or -1 when unknown (a stream). */
    default void started(long total) {
    }

    /** An input line will not be checked (a duplicate, or already in the output): one less to expect. */
    default void skipped() {
    }

    /** A target's result was written; {@code tally} counts this run's results so far. */
    default void written(ResultSummary result, ScanTally tally) {
    }

    /** The scan ended (all results written). */
    default void finished(ScanTotals totals) {
    }

    /** A listener that does nothing. */
    ScanListener NONE = new ScanListener() {
    };
}
