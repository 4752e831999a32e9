package io.mailtls.audit;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailtls.cert.TrustAnchors;
import io.mailtls.check.Finding;
import io.mailtls.check.Severity;
import io.mailtls.facts.Outcome;
import io.mailtls.lab.Lab;
import io.mailtls.lab.LabConfig;
import io.mailtls.lab.Scenario;
import io.mailtls.net.TargetParser;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The check engine against every lab scenario: each is diagnosed with the finding it exists for, within bounds. */
class LabScenariosTest {
    private static final Duration STEP = Duration.ofSeconds(3);
    private static final Duration DEADLINE = Duration.ofSeconds(15);
    private static Lab lab;
    private static CheckOptions options;

    /** What each scenario must produce: its problem ids (worse than INFO, or THROTTLED-style INFO ones) and outcome. */
    private static final Map<Scenario, Expect> EXPECTED = new EnumMap<>(Scenario.class);

    record Expect(Outcome outcome, String... ids) {
    }

    static {
        EXPECTED.put(Scenario.GOOD, new Expect(Outcome.TLS_OK));
        EXPECTED.put(Scenario.NO_STARTTLS, new Expect(Outcome.NO_TLS, "STARTTLS_NOT_OFFERED"));
        EXPECTED.put(Scenario.STARTTLS_REFUSED, new Expect(Outcome.NO_TLS, "STARTTLS_REFUSED"));
        EXPECTED.put(Scenario.DROP_AFTER_STARTTLS, new Expect(Outcome.NO_TLS, "TLS_HANDSHAKE_FAILED"));
        EXPECTED.put(Scenario.EXPIRED, new Expect(Outcome.TLS_WEAK, "CERT_EXPIRED"));
        EXPECTED.put(Scenario.NOT_YET_VALID, new Expect(Outcome.TLS_WEAK, "CERT_NOT_YET_VALID"));
        EXPECTED.put(Scenario.WRONG_NAME, new Expect(Outcome.TLS_WEAK, "CERT_NAME_MISMATCH"));
        EXPECTED.put(Scenario.SELF_SIGNED, new Expect(Outcome.TLS_WEAK, "CERT_SELF_SIGNED"));
        EXPECTED.put(Scenario.MISSING_INTERMEDIATE, new Expect(Outcome.TLS_WEAK, "CERT_CHAIN_INCOMPLETE"));
        EXPECTED.put(Scenario.TLS10_ONLY, new Expect(Outcome.TLS_WEAK, "PROTOCOL_TLS11", "PROTOCOL_NO_TLS12",
                "PROTOCOL_NO_TLS13"));
        EXPECTED.put(Scenario.WEAK_CIPHERS, new Expect(Outcome.TLS_WEAK, "CIPHER_3DES", "CIPHER_NO_FORWARD_SECRECY",
                "PROTOCOL_NO_TLS13"));
        EXPECTED.put(Scenario.SLOW_GREETING, new Expect(Outcome.TLS_OK, "GREETING_SLOW"));
        EXPECTED.put(Scenario.THROTTLED, new Expect(Outcome.INCONCLUSIVE, "THROTTLED"));
        EXPECTED.put(Scenario.STARTTLS_INJECTION, new Expect(Outcome.TLS_OK));
        EXPECTED.put(Scenario.AUTH_BEFORE_TLS, new Expect(Outcome.TLS_WEAK, "AUTH_BEFORE_TLS"));
        EXPECTED.put(Scenario.ENDLESS_LINE, new Expect(Outcome.NO_TLS, "SMTP_REPLY_MALFORMED"));
        EXPECTED.put(Scenario.DRIP, new Expect(Outcome.TLS_OK));
        EXPECTED.put(Scenario.GARBAGE_AFTER_STARTTLS, new Expect(Outcome.NO_TLS, "TLS_HANDSHAKE_FAILED"));
        EXPECTED.put(Scenario.HUGE_CHAIN, new Expect(Outcome.NO_TLS, "TLS_HANDSHAKE_FAILED"));
        EXPECTED.put(Scenario.HOSTILE_BANNER, new Expect(Outcome.TLS_OK));
        EXPECTED.put(Scenario.GREETING_REJECTED, new Expect(Outcome.INCONCLUSIVE, "GREETING_REJECTED"));
    }

    @BeforeAll
    static void start() throws Exception {
        lab = Lab.start(LabConfig.of(Scenario.values()));
        options = new CheckOptions("tests.mailtls.invalid", "mx.lab.test", null, TrustAnchors.load(lab.caFile()),
                STEP, DEADLINE, true, false);
    }

    @AfterAll
    static void stop() {
        lab.close();
    }

    static CheckReport check(Scenario s) {
        return new TargetAudit(options, TargetAudit.Progress.NONE)
                .check(TargetParser.parse("127.0.0.1:" + lab.address(s).getPort()));
    }

    /** Finding ids that report a problem or a reason we could not test. */
    static Set<String> problems(CheckReport r) {
        return r.findings().stream().filter(f -> f.severity() != Severity.OK)
                .filter(f -> f.severity() != Severity.INFO || r.outcome() == Outcome.INCONCLUSIVE)
                .map(Finding::id).collect(Collectors.toSet());
    }

    @Test
    void everyScenarioHasAnExpectation() {
        assertThat(EXPECTED.keySet()).containsExactlyInAnyOrder(Scenario.values());
    }

    @ParameterizedTest
    @EnumSource(Scenario.class)
    void eachScenarioIsDiagnosedExactlyWithinTheDeadline(Scenario s) {
        long t0 = System.nanoTime();
        CheckReport r = check(s);
        long ms = (System.nanoTime() - t0) / 1_000_000L;
        Expect e = EXPECTED.get(s);
        assertThat(problems(r)).as("%s findings: %s", s, r.findings()).containsExactlyInAnyOrder(e.ids());
        assertThat(r.outcome()).as("%s outcome", s).isEqualTo(e.outcome());
        assertThat(ms).as("%s took %d ms", s, ms).isLessThan(DEADLINE.toMillis() + 2_000);
        // Every finding carries its evidence and the endpoint it is about.
        assertThat(r.findings()).allSatisfy(f -> {
            assertThat(f.endpoint()).isEqualTo("127.0.0.1:" + lab.address(s).getPort());
            assertThat(f.detail()).isNotBlank();
        });
    }

    @ParameterizedTest
    @EnumSource(value = Scenario.class, names = {"ENDLESS_LINE", "DRIP", "GARBAGE_AFTER_STARTTLS", "HUGE_CHAIN",
        "HOSTILE_BANNER"})
    void hostileScenariosKeepMemoryBounded(Scenario s) {
        // One endpoint is checked on the calling thread, so its allocations measure what the check kept and churned.
        var threads = (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        long before = threads.getCurrentThreadAllocatedBytes();
        CheckReport r = check(s);
        long allocated = threads.getCurrentThreadAllocatedBytes() - before;
        assertThat(r.findings()).isNotEmpty();
        // endless-line sends bytes as fast as loopback allows; the reader must stop at its line limit.
        assertThat(allocated).as("%s allocated %d bytes", s, allocated).isLessThan(64L * 1024 * 1024);
    }

    @Test
    void hostileBannerTextIsMadePrintable() {
        CheckReport r = check(Scenario.HOSTILE_BANNER);
        var transcript = r.endpoints().getFirst().facts().transcript();
        assertThat(transcript).allSatisfy(l -> assertThat(l.text()).doesNotContainPattern("[\\x00-\\x1f\\x7f]"));
        assertThat(transcript).anySatisfy(l -> assertThat(l.text()).contains("<script>").contains("\\x1b"));
    }

    @Test
    void garbageAfterStarttlsShowsTheBytes() {
        CheckReport r = check(Scenario.GARBAGE_AFTER_STARTTLS);
        assertThat(r.findings()).filteredOn(f -> f.id().equals("TLS_HANDSHAKE_FAILED")).first()
                .satisfies(f -> assertThat(f.detail()).contains("not TLS"));
    }
}
