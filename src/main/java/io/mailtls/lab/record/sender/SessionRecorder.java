package io.mailtls.lab.record.sender;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.mailtls.lab.Scenario;
import io.mailtls.lab.SessionRecord;

/**
 * Watches the lab's finished sessions (install it as the lab's session listener): writes one JSON
 * line per session to an optional file, judges each sending client as its sessions end and tells
 * {@code notices} when a sender's verdict changes. Thread-safe; everything it keeps is bounded by
 * its {@link Limits}.
 */
public final class SessionRecorder implements Consumer<SessionRecord>, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SessionRecorder.class);

    /**
     * What one run may write and remember.
     *
     * @param maxLines            lines in the file, the limit line included
     * @param maxBytes            bytes in the file, the limit line included
     * @param maxSenders          senders judged; later ones are recorded but not judged
     * @param sessionsPerScenario sessions kept per sender and scenario for judging (the latest)
     */
    public record Limits(int maxLines, long maxBytes, int maxSenders, int sessionsPerScenario) {

        /** Generous for an admin's test run, small enough for any disk and heap. */
        public static final Limits DEFAULT = new Limits(100_000, 64L * 1024 * 1024, 64, 8);

        public Limits {
            if (maxLines < 2 || maxBytes < 1024 || maxSenders < 1 || sessionsPerScenario < 1) {
                throw new IllegalArgumentException("limits too small: " + maxLines + " lines, " + maxBytes
                        + " bytes, " + maxSenders + " senders, " + sessionsPerScenario + " sessions");
            }
        }
    }

    private final Path file;
    private final Writer writer;
    private final Limits limits;
    private final Consumer<String> notices;
    private final String limitLine;
    private final Map<SenderKey, Map<Scenario, Deque<SessionRecord>>> senders = new LinkedHashMap<>();
    private final Map<SenderKey, String> announced = new LinkedHashMap<>();
    private long lines;
    private long bytes;
    private boolean full;
    private boolean tooManySenders;
    private boolean closed;

    private SessionRecorder(Path file, Writer writer, Limits limits, Consumer<String> notices) {
        this.file = file;
        this.writer = writer;
        this.limits = limits;
        this.notices = notices;
        this.limitLine = SessionJson.line(SessionJson.limit("limit of " + limits.maxLines() + " lines or "
                + limits.maxBytes() + " bytes reached; later lines are not written"));
    }

    /**
     * A recorder writing to {@code file} (created or truncated), or to no file when it is null.
     *
     * @param notices told, one line each, about verdict changes and limits (the CLI prints them on stderr)
     * @throws IOException when the file cannot be opened for writing
     */
    public static SessionRecorder open(Path file, Limits limits, Consumer<String> notices) throws IOException {
        Writer writer = file == null ? null : Files.newBufferedWriter(file, StandardCharsets.UTF_8,
                StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE);
        return new SessionRecorder(file, writer, limits, notices);
    }

    /** Records one finished session and judges its sender again. */
    @Override
    public synchronized void accept(SessionRecord session) {
        if (closed) {
            return;
        }
        write(SessionJson.line(SessionJson.session(session)));
        SenderKey key = SenderKey.of(session);
        if (key.heloName() == null) {
            return; // connection probes and throttled clients are not senders
        }
        Map<Scenario, Deque<SessionRecord>> kept = senders.get(key);
        if (kept == null) {
            if (senders.size() >= limits.maxSenders()) {
                if (!tooManySenders) {
                    tooManySenders = true;
                    notices.accept("more than " + limits.maxSenders() + " senders: later ones are recorded, "
                            + "not judged");
                }
                return;
            }
            kept = new EnumMap<>(Scenario.class);
            senders.put(key, kept);
        }
        Deque<SessionRecord> onScenario = kept.computeIfAbsent(session.scenario(), s -> new ArrayDeque<>());
        onScenario.addLast(session);
        if (onScenario.size() > limits.sessionsPerScenario()) {
            onScenario.removeFirst();
        }
        String text = SenderVerdicts.judge(sessionsOf(kept)).text();
        if (!text.equals(announced.put(key, text))) {
            notices.accept("sender " + key + ": " + text);
        }
    }

    /** Every judged sender's verdict, in the order they first appeared. */
    public synchronized List<SenderVerdict> verdicts() {
        return senders.values().stream().map(kept -> SenderVerdicts.judge(sessionsOf(kept))).toList();
    }

    /** The summary the CLI prints at exit (after {@link #close()}, so the line count is final): one block per sender. */
    public synchronized List<String> summary() {
        List<String> out = new ArrayList<>();
        List<SenderVerdict> verdicts = verdicts();
        out.add("senders seen: " + verdicts.size());
        for (SenderVerdict v : verdicts) {
            out.add("  " + v.sender() + ": " + v.text());
            out.add("    " + v.sessions() + (v.sessions() == 1 ? " session" : " sessions") + "; delivered " + v.messagesOverTls() + " over TLS, "
                    + v.messagesInPlaintext() + " in plaintext"
                    + (v.negotiated().isEmpty() ? "" : "; negotiated " + String.join(", ", v.negotiated())));
        }
        if (file != null) {
            out.add("record: " + lines + " lines in " + file + (full ? " (limit reached)" : ""));
        }
        return out;
    }

    /** Appends one verdict line per sender to the file, then closes it. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        for (SenderVerdict v : verdicts()) {
            write(SessionJson.line(SessionJson.verdict(v)));
        }
        closed = true;
        if (writer != null) {
            try {
                writer.close();
            } catch (IOException e) {
                notices.accept("cannot finish the record file " + file + ": " + e.getMessage());
            }
        }
    }

    private static List<SessionRecord> sessionsOf(Map<Scenario, Deque<SessionRecord>> kept) {
        return kept.values().stream().flatMap(Deque::stream).toList();
    }

    private void write(String line) {
        if (writer == null || full) {
            return;
        }
        long size = line.getBytes(StandardCharsets.UTF_8).length + 1L;
        // Room is kept for the limit line, so the file always says why it stops.
        if (lines + 2 > limits.maxLines() || bytes + size + limitLine.length() + 1 > limits.maxBytes()) {
            full = true;
            append(limitLine);
            notices.accept("record file " + file + " is full (" + lines + " lines); later sessions are not written");
            return;
        }
        append(line);
    }

    private void append(String line) {
        try {
            writer.write(line);
            writer.write('\n');
            // Flushed per line, so `tail -f` and a crash both see every finished session.
            writer.flush();
            lines++;
            bytes += line.getBytes(StandardCharsets.UTF_8).length + 1L;
        } catch (IOException e) {
            full = true;
            LOG.debug("writing the record file failed", e);
            notices.accept("cannot write the record file " + file + ": " + e.getMessage() + "; recording stops");
        }
    }
}
