package io.mailtls.web;

import io.javalin.http.sse.SseClient;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Streams a check's transcript as server-sent events while it runs: {@code line} events (id = sequence number, so a
 * reconnecting browser resumes), then one {@code done} event. Bounded in count and lifetime.
 */
final class LiveStream {
    static final int MAX_STREAMS = 64;
    static final Duration KEEP_ALIVE = Duration.ofSeconds(15);
    static final Duration MAX_LIFETIME = Duration.ofMinutes(15);

    private final CheckJobs jobs;
    private final AtomicInteger open = new AtomicInteger();

    LiveStream(CheckJobs jobs) {
        this.jobs = jobs;
    }

    /** Serves one stream; blocks (on a virtual thread) until the check ends or the client goes. */
    void serve(SseClient client) {
        var job = jobs.get(client.ctx().pathParam("id")).orElse(null);
        if (job == null) {
            client.sendEvent("gone", Json.error("no such check"));
            client.close();
            return;
        }
        if (open.incrementAndGet() > MAX_STREAMS) {
            open.decrementAndGet();
            client.sendEvent("busy", Json.error("too many live views open; reload later"));
            client.close();
            return;
        }
        try {
            stream(client, job, start(client));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            open.decrementAndGet();
            client.close();
        }
    }

    private static void stream(SseClient client, CheckJob job, int next) throws InterruptedException {
        long until = System.nanoTime() + MAX_LIFETIME.toNanos();
        while (!client.terminated() && System.nanoTime() < until) {
            // Read the state before the lines: a check that ended has all its lines in already.
            boolean ended = job.state() != CheckJob.State.RUNNING;
            for (LiveLine l : job.linesFrom(next)) {
                client.sendEvent("line", Json.line(l), Integer.toString(l.seq()));
                next = l.seq() + 1;
            }
            if (ended) {
                client.sendEvent("done", Json.done(job));
                return;
            }
            if (!job.awaitChange(next, KEEP_ALIVE)) {
                client.sendComment("keep-alive");
            }
        }
    }

    /** Where to resume: after the Last-Event-ID of a reconnect, or from the {@code from} the page already shows. */
    private static int start(SseClient client) {
        int from = parse(client.ctx().queryParam("from"), 0);
        int last = parse(client.ctx().header("Last-Event-ID"), -1);
        return Math.max(from, last + 1);
    }

    private static int parse(String s, int otherwise) {
        if (s == null || !s.matches("\\d{1,7}")) {
            return otherwise;
        }
        return Integer.parseInt(s);
    }
}
