package io.mailtls.scan;

import java.time.Duration;

/**
 * What a finished scan did.
 *
 * @param tally         every result in the output, resumed ones included
 * @param checked       targets checked by this run
 * @param resumed       results kept from the output of an earlier run
 * @param skipped       input lines not checked again: duplicates, and targets already in the output
 * @param invalid       input lines that named no target (each has its output line)
 * @param deadlines     targets stopped at the per-target deadline
 * @param elapsed       how long this run took
 * @param conversations endpoint conversations held
 * @param sharedEndpoints endpoint checks answered by another target's conversation
 * @param dnsAsked      DNS questions sent
 * @param dnsSaved      DNS questions answered from the cache
 * @param tornBytes     bytes of a torn last line cut from the output before resuming
 */
public record ScanTotals(ScanTally tally, long checked, long resumed, long skipped, long invalid, long deadlines,
                         Duration elapsed, long conversations, long sharedEndpoints, long dnsAsked, long dnsSaved,
                         long tornBytes) {
    /** Targets checked per second in this run. */
    public double rate() {
        double s = elapsed.toNanos() / 1e9;
        return s <= 0 ? 0 : checked / s;
    }
}
