package io.mailtls.lab.record.sender;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.mailtls.lab.Lab;
import io.mailtls.lab.LabConfig;
import io.mailtls.lab.Scenario;
import io.mailtls.lab.SessionRecord;
import io.mailtls.lab.record.AwaitedSessions;
import io.mailtls.lab.record.sender.SenderVerdict.CertificateChecks;
import io.mailtls.lab.record.sender.SenderVerdict.CertificateTest;
import io.mailtls.lab.record.sender.SenderVerdict.TlsUse;
import io.mailtls.testsupport.ExternalCommand;
import io.mailtls.testsupport.Programs;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Real sending clients that are not ours (swaks, OpenSSL's s_client) against the recording lab: the
 * verdicts must say what each tool is documented to do with each option.
 */
@Tag("interop")
class SenderInteropTest {

    private static final Duration TOOL_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration WAIT = Duration.ofSeconds(20);

    @TempDir
    static Path dir;
    private static Path recordFile;
    private static SessionRecorder recorder;
    private static AwaitedSessions sessions;
    private static Lab lab;

    @BeforeAll
    static void start() throws Exception {
        recordFile = dir.resolve("senders.jsonl");
        recorder = SessionRecorder.open(recordFile, SessionRecorder.Limits.DEFAULT, notice -> { });
        sessions = new AwaitedSessions(recorder);
        lab = Lab.start(LabConfig.of(Scenario.GOOD, Scenario.EXPIRED, Scenario.WRONG_NAME, Scenario.NO_STARTTLS,
                Scenario.STARTTLS_REFUSED, Scenario.TLS10_ONLY).withSessionListener(sessions));
    }

    @AfterAll
    static void stop() {
        if (lab != null) {
            lab.close();
        }
        if (recorder != null) {
            recorder.close();
        }
    }

    /** swaks --tls: "require TLS"; it does not verify certificates unless told to. */
    @Test
    void swaksWithTlsRequiresTlsAndChecksNoCertificate() throws Exception {
        String helo = "swaks-tls.sender.test";
        assertThat(swaks(Scenario.GOOD, helo, "--tls").succeeded()).isTrue();
        assertThat(swaks(Scenario.EXPIRED, helo, "--tls").succeeded()).isTrue();
        assertThat(swaks(Scenario.NO_STARTTLS, helo, "--tls").succeeded()).isFalse();
        assertThat(swaks(Scenario.STARTTLS_REFUSED, helo, "--tls").succeeded()).isFalse();

        SenderVerdict v = verdict(helo, 4);
        assertThat(v.tls()).as(v.text()).isEqualTo(TlsUse.REQUIRED);
        assertThat(v.heldBack()).containsExactly("no-starttls", "starttls-refused");
        assertThat(v.certificates()).isEqualTo(CertificateChecks.NONE);
        assertThat(v.messagesOverTls()).isEqualTo(2);
        assertThat(v.messagesInPlaintext()).isZero();
        assertThat(v.negotiated()).allMatch(pair -> pair.startsWith("TLSv1.3 "));
    }

    /** swaks --tls-optional: "attempt TLS, continue without it" in the same session. */
    @Test
    void swaksWithTlsOptionalFallsBackToPlaintext() throws Exception {
        String helo = "swaks-optional.sender.test";
        for (Scenario scenario : List.of(Scenario.GOOD, Scenario.NO_STARTTLS, Scenario.STARTTLS_REFUSED)) {
            ExternalCommand.Result run = swaks(scenario, helo, "--tls-optional");
            assertThat(run.succeeded()).as(run.describe()).isTrue();
        }

        SenderVerdict v = verdict(helo, 3);
        assertThat(v.tls()).as(v.text()).isEqualTo(TlsUse.OPPORTUNISTIC);
        assertThat(v.fallbacks()).containsExactly("no-starttls", "starttls-refused");
        assertThat(v.messagesOverTls()).isEqualTo(1);
        assertThat(v.messagesInPlaintext()).isEqualTo(2);
        assertThat(v.text()).startsWith("opportunistic TLS, certificate checks not tested");
    }

    /** swaks without a TLS option never sends STARTTLS, even when it is offered. */
    @Test
    void swaksWithoutTlsSendsInPlaintext() throws Exception {
        String helo = "swaks-plain.sender.test";
        assertThat(swaks(Scenario.GOOD, helo).succeeded()).isTrue();

        SenderVerdict v = verdict(helo, 1);
        assertThat(v.tls()).as(v.text()).isEqualTo(TlsUse.NEVER);
        assertThat(v.text()).startsWith("no TLS: sends in plaintext although STARTTLS is offered (good)");
        assertThat(v.messagesInPlaintext()).isEqualTo(1);
    }

    /** swaks --tls-verify with the lab CA: the good chain passes, the expired one is refused. */
    @Test
    void swaksWithTlsVerifyRefusesTheExpiredCertificate() throws Exception {
        String helo = "swaks-verify.sender.test";
        String[] verify = {"--tls", "--tls-verify", "--tls-ca-path", lab.caFile().toString(), "--tls-sni",
            "mx.lab.test"};
        ExternalCommand.Result good = swaks(Scenario.GOOD, helo, verify);
        assertThat(good.succeeded()).as(good.describe()).isTrue();
        assertThat(swaks(Scenario.EXPIRED, helo, verify).succeeded()).isFalse();

        SenderVerdict v = verdict(helo, 2);
        assertThat(v.certificates()).as(v.text()).isEqualTo(CertificateChecks.VERIFIES);
        assertThat(v.certificateTests()).singleElement()
                .satisfies(t -> assertThat(t.scenario()).isEqualTo("expired"))
                .satisfies(t -> assertThat(t.carriedOn()).isFalse());
        assertThat(v.rejectsGood()).isFalse();
    }

    /** s_client -verify_return_error aborts with the alert OpenSSL maps the verification error to. */
    @Test
    void opensslThatVerifiesAbortsWithAlerts() throws Exception {
        String helo = "openssl-verify.sender.test";
        assertThat(sClient(Scenario.GOOD, helo, "-verify_return_error", "-verify_hostname", "mx.lab.test")
                .succeeded()).isTrue();
        assertThat(sClient(Scenario.EXPIRED, helo, "-verify_return_error").succeeded()).isFalse();
        assertThat(sClient(Scenario.WRONG_NAME, helo, "-verify_return_error", "-verify_hostname", "mx.lab.test")
                .succeeded()).isFalse();

        SenderVerdict v = verdict(helo, 3);
        assertThat(v.certificates()).as(v.text()).isEqualTo(CertificateChecks.VERIFIES);
        assertThat(v.certificateTests()).containsExactly(
                new CertificateTest("expired", false, "with alert certificate_expired"),
                new CertificateTest("wrong-name", false, "with alert bad_certificate"));
        assertThat(v.text()).contains("verifies certificates (aborted on expired with alert certificate_expired; "
                + "aborted on wrong-name with alert bad_certificate)");

        JsonNode expired = line(Scenario.EXPIRED, helo);
        assertThat(expired.get("handshake_failure").get("alert").asString()).isEqualTo("certificate_expired");
        assertThat(expired.get("client_hello").get("sni").asString()).isEqualTo("mx.lab.test");
        assertThat(texts(expired.get("client_hello").get("cipher_suites"))).contains("TLS_AES_256_GCM_SHA384");
        assertThat(texts(expired.get("client_hello").get("groups"))).contains("x25519");
    }

    /** Without -verify_return_error s_client only reports the error and carries on. */
    @Test
    void opensslWithoutVerificationCarriesOn() throws Exception {
        String helo = "openssl-lax.sender.test";
        sClient(Scenario.EXPIRED, helo);

        SenderVerdict v = verdict(helo, 1);
        assertThat(v.certificates()).as(v.text()).isEqualTo(CertificateChecks.NONE);
        assertThat(v.certificateTests()).containsExactly(new CertificateTest("expired", true, "sent EHLO QUIT"));
    }

    /** A TLS 1.0-only client: its hello states TLS 1.0 as its highest version, and the handshake completes. */
    @Test
    void aTls10ClientIsNamedForIt() throws Exception {
        String helo = "openssl-tls10.sender.test";
        ExternalCommand.Result run = sClient(Scenario.TLS10_ONLY, helo, "-tls1", "-cipher", "DEFAULT:@SECLEVEL=0");
        assertThat(run.succeeded()).as(run.describe()).isTrue();

        SenderVerdict v = verdict(helo, 1);
        assertThat(v.weakOffers()).as(v.text()).containsExactly("offers TLSv1.0 and completed it",
                "does not offer TLSv1.3");
        assertThat(v.negotiated()).singleElement().asString().startsWith("TLSv1.0 TLS_");
        JsonNode hello = line(Scenario.TLS10_ONLY, helo).get("client_hello");
        assertThat(texts(hello.get("versions"))).containsExactly("TLSv1.0");
        assertThat(texts(hello.get("supported_versions"))).isEmpty();
    }

    private static ExternalCommand.Result swaks(Scenario scenario, String helo, String... options) {
        List<String> command = new ArrayList<>(List.of(Programs.require("swaks").toString(), "--server",
                "127.0.0.1:" + lab.address(scenario).getPort(), "--helo", helo, "--from", "test@" + helo,
                "--to", "postmaster@lab.test", "--timeout", "20"));
        command.addAll(List.of(options));
        return ExternalCommand.run(TOOL_TIMEOUT, null, command);
    }

    private static ExternalCommand.Result sClient(Scenario scenario, String helo, String... options) {
        List<String> command = new ArrayList<>(List.of(Programs.require("openssl").toString(), "s_client",
                "-starttls", "smtp", "-name", helo, "-connect", "127.0.0.1:" + lab.address(scenario).getPort(),
                "-servername", "mx.lab.test", "-CAfile", lab.caFile().toString(), "-ign_eof"));
        command.addAll(List.of(options));
        byte[] input = ("EHLO " + helo + "\r\nQUIT\r\n").getBytes(StandardCharsets.US_ASCII);
        return ExternalCommand.run(TOOL_TIMEOUT, input, command);
    }

    /** The sender's verdict once {@code count} of its sessions have ended (the tools exit before the lab's side). */
    private static SenderVerdict verdict(String helo, int count) throws InterruptedException {
        assertThat(sessions.await(all -> of(all, helo).size() >= count, WAIT))
                .as("%d sessions from %s within %s; have %s", count, helo, WAIT, of(sessions.all(), helo)).isTrue();
        return recorder.verdicts().stream().filter(v -> helo.equals(v.sender().heloName())).findFirst().orElseThrow();
    }

    private static List<SessionRecord> of(List<SessionRecord> all, String helo) {
        return all.stream().filter(s -> helo.equals(s.conduct().heloName())).toList();
    }

    /** The record file's line for this scenario and sender (written when the session ended). */
    private static JsonNode line(Scenario scenario, String helo) throws Exception {
        var mapper = JsonMapper.builder().build();
        return Files.readAllLines(recordFile).stream().map(mapper::readTree)
                .filter(n -> scenario.id().equals(n.path("scenario").asString())
                        && helo.equals(n.path("ehlo").asString()))
                .findFirst().orElseThrow(() -> new AssertionError("no line for " + scenario + " from " + helo));
    }

    private static List<String> texts(JsonNode array) {
        return array.valueStream().map(JsonNode::asString).toList();
    }
}
