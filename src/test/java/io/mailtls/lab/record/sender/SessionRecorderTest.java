package io.mailtls.lab.record.sender;

import static io.mailtls.lab.record.sender.Sessions.on;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.mailtls.lab.Scenario;
import tools.jackson.databind.json.JsonMapper;

/** The recorder: one line per session, verdict notices when they change, bounded file and memory. */
class SessionRecorderTest {

    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    private final List<String> notices = new CopyOnWriteArrayList<>();

    @Test
    void writesALinePerSessionAndAVerdictPerSenderAtClose(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("sessions.jsonl");
        Files.writeString(file, "an older run\n");
        try (var recorder = SessionRecorder.open(file, SessionRecorder.Limits.DEFAULT, notices::add)) {
            recorder.accept(on(Scenario.GOOD).tls().then("EHLO").mail().build());
            recorder.accept(on(Scenario.NO_STARTTLS).mail().build());
            recorder.accept(on(Scenario.GOOD).helo(null).build());

            assertThat(Files.readAllLines(file)).as("flushed per session").hasSize(3);
            assertThat(recorder.summary()).contains("senders seen: 1")
                    .anySatisfy(line -> assertThat(line).contains("127.0.0.1 (EHLO mta.sender.test): opportunistic TLS"))
                    .anySatisfy(line -> assertThat(line).contains("2 sessions; delivered 1 over TLS, 1 in plaintext"));
        }
        List<String> lines = Files.readAllLines(file);
        assertThat(lines).hasSize(4).noneMatch(line -> line.equals("an older run"));
        assertThat(lines.stream().map(line -> MAPPER.readTree(line).get("schema").asString()))
                .containsExactly("mailtls.lab.session/1", "mailtls.lab.session/1", "mailtls.lab.session/1",
                        "mailtls.lab.sender/1");
        assertThat(MAPPER.readTree(lines.get(2)).get("ehlo").isNull()).as("a probe without EHLO is recorded").isTrue();
    }

    @Test
    void aNoticeOnlyWhenTheVerdictChanges() throws Exception {
        try (var recorder = SessionRecorder.open(null, SessionRecorder.Limits.DEFAULT, notices::add)) {
            recorder.accept(on(Scenario.GOOD).tls().then("EHLO").mail().build());
            recorder.accept(on(Scenario.GOOD).tls().then("EHLO").mail().build());
            recorder.accept(on(Scenario.NO_STARTTLS).mail().build());
            recorder.accept(on(Scenario.GOOD).helo(null).build());
        }
        assertThat(notices).hasSize(2);
        assertThat(notices.get(0)).startsWith("sender 127.0.0.1 (EHLO mta.sender.test): uses STARTTLS");
        assertThat(notices.get(1)).startsWith("sender 127.0.0.1 (EHLO mta.sender.test): opportunistic TLS");
    }

    @Test
    void theFileStopsAtItsLineLimitAndSaysSo(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("capped.jsonl");
        var limits = new SessionRecorder.Limits(5, 1024 * 1024, 8, 4);
        try (var recorder = SessionRecorder.open(file, limits, notices::add)) {
            for (int i = 0; i < 20; i++) {
                recorder.accept(on(Scenario.GOOD).tls().then("EHLO").mail().build());
            }
            assertThat(recorder.verdicts().getFirst().sessions()).as("judging keeps the latest per scenario")
                    .isEqualTo(4);
        }
        List<String> lines = Files.readAllLines(file);
        assertThat(lines).hasSize(5);
        assertThat(MAPPER.readTree(lines.getLast()).get("schema").asString()).isEqualTo("mailtls.lab.limit/1");
        assertThat(notices).filteredOn(n -> n.contains("is full")).hasSize(1);
    }

    @Test
    void theFileStopsAtItsByteLimit(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("bytes.jsonl");
        var limits = new SessionRecorder.Limits(1000, 4096, 8, 4);
        try (var recorder = SessionRecorder.open(file, limits, notices::add)) {
            for (int i = 0; i < 50; i++) {
                recorder.accept(on(Scenario.GOOD).tls().then("EHLO").mail().build());
            }
        }
        assertThat(Files.size(file)).isLessThanOrEqualTo(4096);
        assertThat(Files.readAllLines(file).getLast()).contains("mailtls.lab.limit/1");
    }

    @Test
    void sendersBeyondTheLimitAreRecordedButNotJudged(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("senders.jsonl");
        var limits = new SessionRecorder.Limits(1000, 1024 * 1024, 2, 4);
        try (var recorder = SessionRecorder.open(file, limits, notices::add)) {
            for (int i = 0; i < 5; i++) {
                recorder.accept(on(Scenario.GOOD).helo("mta" + i + ".test").tls().build());
            }
            assertThat(recorder.verdicts()).hasSize(2);
        }
        assertThat(Files.readAllLines(file)).hasSize(5 + 2);
        assertThat(notices).filteredOn(n -> n.startsWith("more than 2 senders")).hasSize(1);
    }
}
