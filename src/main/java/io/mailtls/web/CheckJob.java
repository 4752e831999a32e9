package io.mailtls.web;

import io.mailtls.audit.CheckReport;
import io.mailtls.smtp.TranscriptLine;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** One check started from the web: its live transcript while it runs, then its report. Safe between threads. */
public final class CheckJob {
    /** A check's live stream keeps at most this many lines (the engine bounds each endpoint's transcript too). */
    static final int MAX_LIVE_LINES = 4000;

    /** Where a check is. */
    public enum State {
        RUNNING, DONE, FAILED;

        /** The API's name of the state. */
        public String json() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    private final String id;
    private final String target;
    private final Instant submitted;
    private final List<LiveLine> lines = new ArrayList<>();
    private final CompletableFuture<CheckReport> finished = new CompletableFuture<>();
    private State state = State.RUNNING;
    private CheckReport report;
    private String error;
    private int droppedLines;

    CheckJob(String id, String target, Instant submitted) {
        this.id = id;
        this.target = target;
        this.submitted = submitted;
    }

    public String id() {
        return id;
    }

    /** The target as the visitor typed it. */
    public String target() {
        return target;
    }

    public Instant submitted() {
        return submitted;
    }

    public synchronized State state() {
        return state;
    }

    /** The report once done, else null. */
    public synchronized CheckReport report() {
        return report;
    }

    /** Why the check failed (an internal error), else null. */
    public synchronized String error() {
        return error;
    }

    /** Completes when the check is done or failed (tests and the SSE stream wait on it). */
    public CompletableFuture<CheckReport> finished() {
        return finished;
    }

    /** Adds a live line from the engine and wakes the streams waiting for it. */
    synchronized void line(String endpoint, TranscriptLine l) {
        if (lines.size() >= MAX_LIVE_LINES) {
            droppedLines++;
            return;
        }
        lines.add(new LiveLine(lines.size(), endpoint, l));
        notifyAll();
    }

    synchronized void done(CheckReport r) {
        report = r;
        state = State.DONE;
        notifyAll();
        finished.complete(r);
    }

    synchronized void failed(String why) {
        error = why;
        state = State.FAILED;
        notifyAll();
        finished.completeExceptionally(new IllegalStateException(why));
    }

    /** The live lines from {@code from} on. */
    public synchronized List<LiveLine> linesFrom(int from) {
        return from >= lines.size() ? List.of() : List.copyOf(lines.subList(Math.max(0, from), lines.size()));
    }

    /** How many live lines there are so far. */
    public synchronized int lineCount() {
        return lines.size();
    }

    /** Lines the live stream did not keep. */
    public synchronized int droppedLines() {
        return droppedLines;
    }

    /**
     * Waits until there are more than {@code known} lines or the check has ended, at most {@code max}.
     *
     * @return true when something changed, false on time-out
     */
    public synchronized boolean awaitChange(int known, Duration max) throws InterruptedException {
        long until = System.nanoTime() + max.toNanos();
        while (lines.size() <= known && state == State.RUNNING) {
            long left = until - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            wait(Math.max(1, left / 1_000_000L));
        }
        return true;
    }
}
