package io.mailtls.smtp;

import io.mailtls.net.Printable;
import java.util.ArrayList;
import java.util.List;

/** A bounded, timestamped record of everything said on one connection, safe to share between threads. */
public final class Transcript {
    static final int MAX_LINES = 400;
    static final int MAX_TEXT = 600;

    private final long startNanos;
    private final List<TranscriptLine> lines = new ArrayList<>();
    private final java.util.function.Consumer<TranscriptLine> listener;
    private int dropped;

    /** A transcript whose clock starts now; {@code listener} sees each line as it is added (for live views). */
    public Transcript(java.util.function.Consumer<TranscriptLine> listener) {
        this.startNanos = System.nanoTime();
        this.listener = listener == null ? l -> { } : listener;
    }

    public Transcript() {
        this(null);
    }

    public void server(String text) {
        add(TranscriptLine.From.SERVER, text);
    }

    public void client(String text) {
        add(TranscriptLine.From.CLIENT, text);
    }

    public void tls(String text) {
        add(TranscriptLine.From.TLS, text);
    }

    public void note(String text) {
        add(TranscriptLine.From.NOTE, text);
    }

    /** Milliseconds since the transcript started. */
    public long elapsedMs() {
        return (System.nanoTime() - startNanos) / 1_000_000L;
    }

    private void add(TranscriptLine.From from, String text) {
        String t = Printable.of(text);
        if (t.length() > MAX_TEXT) {
            t = t.substring(0, MAX_TEXT) + "… (" + t.length() + " characters)";
        }
        TranscriptLine line = new TranscriptLine(elapsedMs(), from, t);
        synchronized (this) {
            if (lines.size() >= MAX_LINES) {
                dropped++;
                return;
            }
            lines.add(line);
        }
        listener.accept(line);
    }

    /** A snapshot of the lines so far, with a closing note when lines were dropped. */
    public synchronized List<TranscriptLine> lines() {
        List<TranscriptLine> out = new ArrayList<>(lines);
        if (dropped > 0) {
            out.add(new TranscriptLine(elapsedMs(), TranscriptLine.From.NOTE, dropped + " more lines not kept"));
        }
        return List.copyOf(out);
    }
}
