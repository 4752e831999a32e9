/**
 * Bulk scanning: thousands of targets through the one engine, nothing lost.
 *
 * <p>{@link io.mailtls.scan.BulkScan} streams the input (one target a line, {@link io.mailtls.scan.ScanSource})
 * through a bounded queue to virtual-thread workers, each target with its own deadline, and one writer appends each
 * result as a {@code mailtls.check/1} JSON line (and a CSV row) as it arrives ({@link io.mailtls.scan.ScanOutput}).
 * Every input target gets exactly one line: a line that names no target and a target that outruns its deadline get
 * an INCONCLUSIVE line with a finding that says why. {@code --resume} reads the output back, cuts a torn last line
 * and checks only what is missing.
 *
 * <p>Targets share what they have in common: {@link io.mailtls.scan.SharedEndpoints} checks each (address, port,
 * expected name, mode) once per scan, within a per-address connection limit that holds across targets and with
 * retries after a pause when a server says "come back later"; {@link io.mailtls.scan.CachingDnsClient} asks each DNS
 * question once. Memory is bounded by the concurrency and the cache sizes, not by the input: per target the scan
 * keeps only 8 to 16 bytes of identity, to merge duplicates.
 *
 * <p>This package depends on {@code audit}, {@code report}, {@code dns} and the rest of the engine, never on
 * {@code cli} or {@code web}; the {@code scan} command in {@code cli} is a thin front end.
 */
package io.mailtls.scan;
