package io.mailtls.audit;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailtls.cert.TrustAnchors;
import io.mailtls.check.Finding;
import io.mailtls.lab.Lab;
import io.mailtls.lab.LabConfig;
import io.mailtls.lab.LabServer;
import io.mailtls.lab.Scenario;
import io.mailtls.net.TargetParser;
import io.mailtls.report.JsonReport;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code --deep} against the lab: the enumeration and the SMTP probes find what each scenario serves. */
class DeepLabTest {
    private static Lab lab;
    private static CheckOptions options;

    @BeforeAll
    static void start() throws Exception {
        lab = Lab.start(LabConfig.of(Scenario.GOOD, Scenario.STARTTLS_INJECTION, Scenario.WEAK_CIPHERS,
                Scenario.TLS10_ONLY, Scenario.THROTTLED, Scenario.NO_STARTTLS));
        options = new CheckOptions("tests.mailtls.invalid", "mx.lab.test", null, TrustAnchors.load(lab.caFile()),
                Duration.ofSeconds(3), Duration.ofSeconds(20), true, false).withDeep(true);
    }

    @AfterAll
    static void stop() {
        lab.close();
    }

    private static CheckReport deep(Scenario s) {
        return new TargetAudit(options, TargetAudit.Progress.NONE)
                .check(TargetParser.parse("127.0.0.1:" + lab.address(s).getPort()));
    }

    private static List<String> ids(CheckReport r) {
        return r.findings().stream().map(Finding::id).toList();
    }

    @Test
    void injectionIsFoundOnlyWhereItExists() {
        assertThat(ids(deep(Scenario.STARTTLS_INJECTION))).contains("STARTTLS_INJECTION");
        CheckReport good = deep(Scenario.GOOD);
        assertThat(ids(good)).doesNotContain("STARTTLS_INJECTION", "CIPHER_3DES", "PROTOCOL_TLS10", "PROTOCOL_NO_TLS13");
        var probe = good.endpoints().getFirst().facts().probe();
        assertThat(probe.protocols()).containsEntry("TLSv1.3", true).containsEntry("TLSv1.2", true)
                .containsEntry("TLSv1.0", false).containsEntry("SSLv3", false);
        assertThat(probe.ciphers().get("TLSv1.3")).contains("TLS_AES_128_GCM_SHA256");
        assertThat(probe.groups()).contains("x25519");
    }

    @Test
    void weakCiphersAreEnumerated() {
        CheckReport r = deep(Scenario.WEAK_CIPHERS);
        var probe = r.endpoints().getFirst().facts().probe();
        assertThat(probe.ciphers().get("TLSv1.2")).contains("TLS_RSA_WITH_3DES_EDE_CBC_SHA")
                .allMatch(n -> n.startsWith("TLS_RSA_WITH_"));
        assertThat(ids(r)).contains("CIPHER_3DES", "CIPHER_NO_FORWARD_SECRECY");
    }

    @Test
    void tls10OnlyProtocolsAreExactAndTheJsonCountsConnections() {
        CheckReport r = deep(Scenario.TLS10_ONLY);
        var probe = r.endpoints().getFirst().facts().probe();
        assertThat(probe.protocols()).containsEntry("TLSv1.0", true).containsEntry("TLSv1.1", true)
                .containsEntry("TLSv1.2", false).containsEntry("TLSv1.3", false);
        assertThat(ids(r)).contains("PROTOCOL_TLS10", "PROTOCOL_TLS11", "PROTOCOL_NO_TLS12", "PROTOCOL_NO_TLS13");
        var json = JsonReport.tree(r, false).get("endpoints").get(0).get("probe");
        assertThat(json.get("connections").asInt()).isBetween(3, 60);
        assertThat(json.get("protocols").get("TLSv1.0").asBoolean()).isTrue();
    }

    @Test
    void theJsonCountsEveryProbeConnectionTheServerSaw() {
        long before = lab.server(Scenario.GOOD).connectionsAccepted();
        CheckReport r = deep(Scenario.GOOD);
        var probe = r.endpoints().getFirst().facts().probe();
        // The check's own conversation, the two SMTP probes and the enumeration's connections, nothing else. (The
        // limit of connections at once is asserted in ProbeBehaviourTest, by a server that leaves its count before
        // it answers; the lab's JSSE closes a failed handshake before the lab can count the session as over.)
        assertThat(lab.server(Scenario.GOOD).connectionsAccepted() - before).isEqualTo(probe.connections() + 3L);
    }

    @Test
    void probesStartedBesideTheCheckStopWhenStarttlsIsNotOffered() {
        LabServer server = lab.server(Scenario.NO_STARTTLS);
        CheckReport r = deep(Scenario.NO_STARTTLS);
        assertThat(ids(r)).contains("STARTTLS_NOT_OFFERED");
        assertThat(r.endpoints().getFirst().facts().probe()).isNull();
        // The check's conversation and at most the two probes that started beside it before it learnt there is no
        // STARTTLS; no retries, no enumeration.
        assertThat(server.connectionsAccepted()).isBetween(1L, 3L);
    }

    @Test
    void aThrottledServerIsNeverProbedIntoFalseNegatives() {
        CheckReport r = deep(Scenario.THROTTLED);
        assertThat(ids(r)).containsExactly("THROTTLED");
        assertThat(r.endpoints().getFirst().facts().probe()).isNull();
    }
}
