package io.mailtls.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailtls.lab.Lab;
import io.mailtls.lab.LabConfig;
import io.mailtls.lab.Scenario;
import io.mailtls.net.Deadline;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The SMTP deep probes against the lab: injection is found where it exists and only there. */
class SmtpProbesTest {
    private static Lab lab;

    @BeforeAll
    static void start() throws Exception {
        lab = Lab.start(LabConfig.of(Scenario.GOOD, Scenario.STARTTLS_INJECTION, Scenario.NO_STARTTLS,
                Scenario.THROTTLED));
    }

    @AfterAll
    static void stop() {
        lab.close();
    }

    private static SmtpProbeFacts probe(Scenario s) {
        return new SmtpProbes(lab.address(s), "tests.mailtls.invalid", "mx.lab.test", Duration.ofSeconds(2),
                Deadline.in(Duration.ofSeconds(20))).run();
    }

    @Test
    void injectionIsFoundOnTheVulnerableScenario() {
        SmtpProbeFacts f = probe(Scenario.STARTTLS_INJECTION);
        assertThat(f.injectionVulnerable()).as(f.injectionEvidence()).isTrue();
        assertThat(f.injectionEvidence()).contains(SmtpProbes.INJECTED).contains("250");
    }

    @Test
    void aCorrectServerDiscardsThePlaintextCommand() {
        SmtpProbeFacts f = probe(Scenario.GOOD);
        assertThat(f.injectionVulnerable()).as(f.injectionEvidence()).isFalse();
        assertThat(f.requiresTls()).as(f.requireEvidence()).isFalse();
        assertThat(f.requireEvidence()).startsWith("MAIL FROM:<> in plaintext got: 250");
    }

    @Test
    void withoutStarttlsOrWhenThrottledTheProbeSaysItCouldNotTell() {
        assertThat(probe(Scenario.NO_STARTTLS).injectionVulnerable()).isNull();
        SmtpProbeFacts throttled = probe(Scenario.THROTTLED);
        assertThat(throttled.injectionVulnerable()).isNull();
        assertThat(throttled.requiresTls()).isNull();
        assertThat(throttled.injectionEvidence()).contains("421");
    }
}
