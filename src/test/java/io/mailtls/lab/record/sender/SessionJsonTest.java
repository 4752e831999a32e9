package io.mailtls.lab.record.sender;

import static io.mailtls.lab.record.sender.Sessions.on;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import io.mailtls.lab.Scenario;
import io.mailtls.lab.SessionRecord;
import io.mailtls.tls.wire.ClientHelloInfo;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The JSON Lines objects: contract names, bounded lists, cleaned client text, no message content. */
class SessionJsonTest {

    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    @Test
    void aSessionLineCarriesTheHelloTlsAndMail() {
        SessionRecord s = on(Scenario.GOOD).tls("TLSv1.3", "TLS_AES_256_GCM_SHA384").then("EHLO").mail().build();

        JsonNode n = parse(SessionJson.line(SessionJson.session(s)));

        assertThat(n.get("schema").asString()).isEqualTo("mailtls.lab.session/1");
        assertThat(n.get("scenario").asString()).isEqualTo("good");
        assertThat(n.get("client").get("address").asString()).isEqualTo("127.0.0.1");
        assertThat(n.get("time").asString()).endsWith("Z");
        assertThat(n.get("ehlo").asString()).isEqualTo(Sessions.HELO);
        assertThat(n.get("starttls").asBoolean()).isTrue();
        JsonNode hello = n.get("client_hello");
        assertThat(texts(hello.get("versions"))).containsExactly("TLSv1.3", "TLSv1.2");
        assertThat(texts(hello.get("cipher_suites"))).containsExactly("TLS_AES_256_GCM_SHA384",
                "TLS_AES_128_GCM_SHA256", "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256");
        assertThat(texts(hello.get("groups"))).containsExactly("x25519", "secp256r1");
        assertThat(hello.get("sni").asString()).isEqualTo("mx.lab.test");
        assertThat(texts(hello.get("signature_algorithms"))).containsExactly("ecdsa_secp256r1_sha256",
                "rsa_pss_rsae_sha256");
        assertThat(n.get("tls").get("protocol").asString()).isEqualTo("TLSv1.3");
        assertThat(texts(n.get("after_tls"))).containsExactly("EHLO", "MAIL", "RCPT", "DATA", "QUIT");
        JsonNode mail = n.get("mail").get(0);
        assertThat(mail.get("from").asString()).isEqualTo("postmaster@sender.test");
        assertThat(mail.get("rcpt").asInt()).isEqualTo(1);
        assertThat(mail.get("size").asLong()).isEqualTo(420);
        assertThat(mail.get("tls").asBoolean()).isTrue();
        assertThat(n.get("handshake_failure").isNull()).isTrue();
    }

    @Test
    void aSessionOnACertificateFaultSaysWhetherTheClientCarriedOn() {
        JsonNode aborted = parse(SessionJson.line(SessionJson.session(
                on(Scenario.EXPIRED).alert("certificate_expired").build())));
        JsonNode carriedOn = parse(SessionJson.line(SessionJson.session(
                on(Scenario.SELF_SIGNED).tls().then("EHLO").mail().build())));
        JsonNode good = parse(SessionJson.line(SessionJson.session(on(Scenario.GOOD).tls().then("EHLO").build())));

        assertThat(aborted.get("bad_certificate").get("carried_on").asBoolean()).isFalse();
        assertThat(aborted.get("bad_certificate").get("how").asString()).isEqualTo("with alert certificate_expired");
        assertThat(aborted.get("handshake_failure").get("kind").asString()).isEqualTo("client_alert");
        assertThat(aborted.get("handshake_failure").get("alert").asString()).isEqualTo("certificate_expired");
        assertThat(carriedOn.get("bad_certificate").get("carried_on").asBoolean()).isTrue();
        assertThat(good.has("bad_certificate")).isFalse();
    }

    @Test
    void jdkProtocolNamesBecomeTheContractsNames() {
        SessionRecord s = on(Scenario.TLS10_ONLY).tls("TLSv1", "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA").build();

        assertThat(parse(SessionJson.line(SessionJson.session(s))).get("tls").get("protocol").asString())
                .isEqualTo("TLSv1.0");
    }

    @Test
    void listsAreCutAndTheRestCounted() {
        List<Integer> suites = IntStream.range(0, 300).map(i -> 0xC000 + i).boxed().toList();
        ClientHelloInfo many = new ClientHelloInfo(0x0301, 0x0303, List.of(), suites, List.of(0), Optional.empty(),
                List.of(), List.of(), List.of(), List.of(), List.of());

        JsonNode hello = parse(SessionJson.line(SessionJson.session(on(Scenario.GOOD).startTls().hello(many).build())))
                .get("client_hello");

        assertThat(hello.get("cipher_suites").size()).isEqualTo(SessionJson.MAX_LIST);
        assertThat(hello.get("cipher_suites_omitted").asInt()).isEqualTo(300 - SessionJson.MAX_LIST);
        assertThat(hello.get("sni").isNull()).isTrue();
        assertThat(hello.get("versions").get(0).asString()).as("client_version only").isEqualTo("TLSv1.2");
    }

    @Test
    void hostileClientTextIsCleaned() {
        String escape = "\u001b]0;owned\u0007";
        ClientHelloInfo hostile = new ClientHelloInfo(0x0301, 0x0303, List.of(), List.of(0x1301), List.of(0),
                Optional.of(escape + "mx"), List.of(), List.of(), List.of(), List.of(escape), List.of());
        SessionRecord s = on(Scenario.GOOD).helo(escape + "helo").startTls().hello(hostile).build();

        String line = SessionJson.line(SessionJson.session(s));

        assertThat(line).doesNotContain("\u001b").doesNotContain("\\u001b").doesNotContain("\u0007");
        assertThat(parse(line).get("ehlo").asString()).isEqualTo("?]0;owned?helo");
        assertThat(parse(line).get("client_hello").get("sni").asString()).isEqualTo("?]0;owned?mx");
    }

    @Test
    void aVerdictLineCarriesItsEvidence() {
        SenderVerdict v = SenderVerdicts.judge(List.of(
                on(Scenario.EXPIRED).alert("certificate_expired").build(),
                on(Scenario.NO_STARTTLS).build()));

        JsonNode n = parse(SessionJson.line(SessionJson.verdict(v)));

        assertThat(n.get("schema").asString()).isEqualTo("mailtls.lab.sender/1");
        assertThat(n.get("sender").get("ehlo").asString()).isEqualTo(Sessions.HELO);
        assertThat(n.get("tls").asString()).isEqualTo("required");
        assertThat(n.get("certificates").asString()).isEqualTo("verifies");
        assertThat(n.get("certificate_tests").get(0).get("how").asString()).isEqualTo("with alert certificate_expired");
        assertThat(texts(n.get("held_back"))).containsExactly("no-starttls");
        assertThat(n.get("verdict").asString()).isEqualTo(v.text());
    }

    private static JsonNode parse(String line) {
        assertThat(line).doesNotContain("\n");
        return MAPPER.readTree(line);
    }

    private static List<String> texts(JsonNode array) {
        return array.valueStream().map(JsonNode::asString).toList();
    }
}
