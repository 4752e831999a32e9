package io.mailtls.scan;

import java.io.PrintStream;
import java.time.temporal.ChronoUnit;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * A progress bar on the terminal: done / total, targets per second, time left, outcomes so far. Made only when
 * the output is a terminal; the total is unknown (no ETA) when the input is a stream.
 */
public final class TerminalProgress implements ScanListener {
    private final PrintStream out;
    private final int width;
    private ProgressBar bar;
    private long max;

    /** A bar on {@code out}, at most {@code width} columns wide. */
    public TerminalProgress(PrintStream out, int width) {
        this.out = out;
        this.width = width;
    }

    /** The terminal's width from {@code COLUMNS}, else 100 (asking the terminal itself needs native access). */
    public static int columns() {
        try {
            int c = Integer.parseInt(System.getenv().getOrDefault("COLUMNS", "100").strip());
            return Math.clamp(c, 40, 300);
        } catch (NumberFormatException e) {
            return 100;
        }
    }

    @Override
    public synchronized void started(long total) {
        max = total;
        bar = new ProgressBarBuilder().setTaskName("scan").setInitialMax(total)
                .setStyle(ProgressBarStyle.ASCII).setUpdateIntervalMillis(250).showSpeed()
                .setSpeedUnit(ChronoUnit.SECONDS).setUnit(" targets", 1)
                .setConsumer(new ConsoleProgressBarConsumer(out, width)).build();
    }

    @Override
    public synchronized void skipped() {
        if (bar != null && max > 0) {
            max--;
            bar.maxHint(max);
        }
    }

    @Override
    public synchronized void written(ResultSummary result, ScanTally tally) {
        if (bar != null) {
            bar.step();
            bar.setExtraMessage(" | " + tally.outcomesLine());
        }
    }

    @Override
    public synchronized void finished(ScanTotals totals) {
        if (bar != null) {
            bar.close();
        }
    }
}
