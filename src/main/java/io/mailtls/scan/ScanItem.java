package io.mailtls.scan;

import io.mailtls.net.Target;

/** One target taken from the input: a target to check, or a line that names none (it still gets its output line). */
sealed interface ScanItem {
    /** The target as it will appear in the output's {@code target}. */
    String text();

    /** Its identity for merging duplicates and resuming. */
    long key();

    /** A parsed target. */
    record Check(String text, Target target, long key) implements ScanItem {
    }

    /** A line that is not a target, with why. */
    record Invalid(String text, String reason, long key) implements ScanItem {
    }
}
