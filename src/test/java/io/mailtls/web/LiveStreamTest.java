package io.mailtls.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailtls.lab.Lab;
import io.mailtls.lab.Scenario;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Server-sent events carry the transcript while the check runs, then say it is done. */
class LiveStreamTest {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static Lab lab;
    private static WebFixture web;

    /** One server-sent event. */
    record Event(String name, String data, String id) {
        JsonNode json() {
            return JSON.readTree(data);
        }
    }

    @BeforeAll
    static void start() throws Exception {
        lab = WebFixture.lab(Scenario.GOOD);
        web = new WebFixture(WebFixture.settings(lab.caFile(), true, 4, 1000));
    }

    @AfterAll
    static void stop() {
        web.close();
        lab.close();
    }

    /** Opens the event stream and parses it into a queue on a virtual thread. */
    private static BlockingQueue<Event> events(String id, String lastEventId) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(web.uri("/api/checks/" + id + "/events"))
                .header("Accept", "text/event-stream").timeout(Duration.ofSeconds(60)).GET()
                // As browsers do: a compressed event stream would be held back in the compressor's buffer.
                .header("Accept-Encoding", "gzip, deflate, br");
        if (lastEventId != null) {
            b.header("Last-Event-ID", lastEventId);
        }
        HttpResponse<Stream<String>> r = web.http.send(b.build(), HttpResponse.BodyHandlers.ofLines());
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/event-stream"));
        BlockingQueue<Event> q = new LinkedBlockingQueue<>();
        Thread.ofVirtual().start(() -> {
            String name = "message";
            String data = null;
            String eid = null;
            for (String line : (Iterable<String>) r.body()::iterator) {
                if (line.isEmpty()) {
                    if (data != null) {
                        q.add(new Event(name, data, eid));
                    }
                    name = "message";
                    data = null;
                    eid = null;
                } else if (line.startsWith("event:")) {
                    name = line.substring(6).strip();
                } else if (line.startsWith("data:")) {
                    data = line.substring(5).strip();
                } else if (line.startsWith("id:")) {
                    eid = line.substring(3).strip();
                }
            }
        });
        return q;
    }

    private static Event next(BlockingQueue<Event> q) throws InterruptedException {
        Event e = q.poll(30, TimeUnit.SECONDS);
        assertThat(e).as("an event within 30 s").isNotNull();
        return e;
    }

    private static String submit(String target) throws Exception {
        HttpResponse<String> r = web.postJson("/api/checks", "{\"target\": \"" + target + "\"}");
        assertThat(r.statusCode()).isEqualTo(202);
        return JSON.readTree(r.body()).get("id").stringValue();
    }

    @Test
    void theTranscriptArrivesWhileTheCheckRunsAndTheStreamEndsWithDone() throws Exception {
        try (GatedSmtpServer gated = new GatedSmtpServer("gated.test ESMTP <b>live</b>")) {
            String id = submit("127.0.0.1:" + gated.port());
            CheckJob job = web.server.jobs().get(id).orElseThrow();
            BlockingQueue<Event> q = events(id, null);

            List<Event> seen = new ArrayList<>();
            Event e;
            do {
                e = next(q);
                seen.add(e);
            } while (!(e.name().equals("line") && e.json().get("text").stringValue().startsWith("220 gated")));
            // The server holds its EHLO reply until the gate opens: the check cannot have ended.
            assertThat(job.state()).isEqualTo(CheckJob.State.RUNNING);
            assertThat(e.json().get("from").stringValue()).isEqualTo("server");
            assertThat(e.json().get("text").stringValue()).isEqualTo("220 gated.test ESMTP <b>live</b>");
            assertThat(e.json().get("endpoint").stringValue()).isEqualTo("127.0.0.1:" + gated.port());

            gated.open();
            do {
                e = next(q);
                seen.add(e);
            } while (e.name().equals("line"));
            assertThat(e.name()).isEqualTo("done");
            assertThat(e.json().get("state").stringValue()).isEqualTo("done");
            assertThat(e.json().get("outcome").stringValue()).isEqualTo("NO_TLS");
            assertThat(e.json().get("url").stringValue()).isEqualTo("/checks/" + id);

            List<Event> lines = seen.stream().filter(x -> x.name().equals("line")).toList();
            assertThat(lines).extracting(Event::id).containsExactlyElementsOf(
                    java.util.stream.IntStream.range(0, lines.size()).mapToObj(Integer::toString).toList());
            assertThat(lines).hasSize(job.lineCount());
            assertThat(lines.stream().map(x -> x.json().get("text").stringValue())).contains("EHLO test.mailtls.invalid", "QUIT");
        }
    }

    @Test
    void aReconnectingClientResumesAfterItsLastEventId() throws Exception {
        String id = submit("mx.lab.test:" + lab.address(Scenario.GOOD).getPort());
        web.server.jobs().get(id).orElseThrow().finished().get(60, TimeUnit.SECONDS);
        int total = web.server.jobs().get(id).orElseThrow().lineCount();
        assertThat(total).isGreaterThan(5);

        BlockingQueue<Event> q = events(id, "4");
        Event first = next(q);
        assertThat(first.name()).isEqualTo("line");
        assertThat(first.id()).isEqualTo("5");
        int lines = 1;
        Event e;
        while ((e = next(q)).name().equals("line")) {
            lines++;
        }
        assertThat(e.name()).isEqualTo("done");
        assertThat(lines).isEqualTo(total - 5);
    }

    @Test
    void anUnknownCheckSaysGone() throws Exception {
        BlockingQueue<Event> q = events("feedfacefeedfacefeedface", null);
        Event e = next(q);
        assertThat(e.name()).isEqualTo("gone");
    }
}
