package io.mailtls.scan;

/**
 * One finished target on its way to the output: its JSON line (made by the worker, so the writer only writes)
 * and its summary.
 *
 * @param key     the target's identity
 * @param json    the {@code mailtls.check/1} document on one line, without the line end
 * @param summary what the CSV, the progress and the summary table need
 */
record ScanResult(long key, String json, ResultSummary summary) {
}
