package io.mailtls.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailtls.lab.Lab;
import io.mailtls.lab.Scenario;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The JSON API of the contract, over real HTTP on loopback, against the lab and a gated test server. */
class WebApiTest {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static Lab lab;
    private static WebFixture web;

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

    private static JsonNode json(HttpResponse<String> r) {
        assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
        return JSON.readTree(r.body());
    }

    private static String submit(WebFixture w, String body) throws Exception {
        HttpResponse<String> r = w.postJson("/api/checks", body);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
        JsonNode n = json(r);
        assertThat(n.propertyNames()).containsExactly("id");
        assertThat(r.headers().firstValue("Location")).hasValue("/api/checks/" + n.get("id").stringValue());
        return n.get("id").stringValue();
    }

    private static void awaitDone(WebFixture w, String id) throws Exception {
        w.server.jobs().get(id).orElseThrow().finished().get(60, TimeUnit.SECONDS);
    }

    @Test
    void aCheckAnswersItsIdAtOnceSaysRunningThenGivesTheDocument() throws Exception {
        try (GatedSmtpServer gated = new GatedSmtpServer("gated.test ESMTP")) {
            String id = submit(web, "{\"target\": \"127.0.0.1:" + gated.port() + "\"}");
            assertThat(gated.awaitGreeted(10)).isTrue();

            JsonNode running = json(web.get("/api/checks/" + id));
            assertThat(running.propertyNames()).containsExactlyInAnyOrder("id", "state");
            assertThat(running.get("id").stringValue()).isEqualTo(id);
            assertThat(running.get("state").stringValue()).isEqualTo("running");

            gated.open();
            awaitDone(web, id);
            JsonNode doc = json(web.get("/api/checks/" + id));
            assertThat(doc.get("schema").stringValue()).isEqualTo("mailtls.check/1");
            assertThat(doc.get("target").stringValue()).isEqualTo("127.0.0.1:" + gated.port());
            assertThat(doc.get("outcome").stringValue()).isEqualTo("NO_TLS");
            assertThat(doc.get("findings").valueStream().map(f -> f.get("id").stringValue())).contains("STARTTLS_NOT_OFFERED");
        }
    }

    @Test
    void aNameIsCheckedAtItsResolvedAddressAndTheCertificateAgainstTheName() throws Exception {
        int port = lab.address(Scenario.GOOD).getPort();
        String id = submit(web, "{\"target\": \"mx.lab.test:" + port + "\", \"deep\": false, \"expect_name\": null}");
        awaitDone(web, id);

        JsonNode doc = json(web.get("/api/checks/" + id));
        assertThat(doc.get("target").stringValue()).isEqualTo("mx.lab.test:" + port);
        assertThat(doc.get("outcome").stringValue()).isEqualTo("TLS_OK");
        JsonNode ep = doc.get("endpoints").get(0);
        assertThat(ep.get("host").stringValue()).isEqualTo("mx.lab.test");
        assertThat(ep.get("address").stringValue()).isEqualTo("127.0.0.1");
        assertThat(ep.get("expected_name").stringValue()).isEqualTo("mx.lab.test");
        assertThat(ep.get("certificate").get("name_matches").booleanValue()).isTrue();
        assertThat(ep.get("certificate").get("trusted").booleanValue()).isTrue();
        assertThat(ep.get("transcript").valueStream().map(l -> l.get("text").stringValue()))
                .anyMatch(t -> t.contains("SNI mx.lab.test"));
    }

    @Test
    void expectNameOverridesTheNameTheCertificateMustMatch() throws Exception {
        int port = lab.address(Scenario.GOOD).getPort();
        String id = submit(web, "{\"target\": \"127.0.0.1:" + port + "\", \"expect_name\": \"other.example\"}");
        awaitDone(web, id);
        JsonNode doc = json(web.get("/api/checks/" + id));
        assertThat(doc.get("endpoints").get(0).get("expected_name").stringValue()).isEqualTo("other.example");
        assertThat(doc.get("findings").valueStream().map(f -> f.get("id").stringValue())).contains("CERT_NAME_MISMATCH");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "{\"target\": \"not a host\"}",
            "{\"target\": \"\"}",
            "{\"target\": \"host:0\"}",
            "{\"target\": 25}",
            "{}",
            "[\"mx.lab.test\"]",
            "not json",
            "{\"target\": \"nx.invalid:25\"}",
            "{\"target\": \"mx.lab.test\", \"deep\": \"yes\"}",
            "{\"target\": \"mx.lab.test\", \"expect_name\": \"<script>\"}",
            "{\"target\": \"mx.lab.test\", \"expect_name\": 7}"})
    void malformedOrRefusedRequestsGet400WithAnError(String body) throws Exception {
        int before = web.server.jobs().recent().size();
        HttpResponse<String> r = web.postJson("/api/checks", body);
        assertThat(r.statusCode()).isEqualTo(400);
        JsonNode n = json(r);
        assertThat(n.propertyNames()).containsExactly("error");
        assertThat(n.get("error").stringValue()).isNotBlank();
        assertThat(web.server.jobs().recent()).hasSize(before);
    }

    @Test
    void onlyJsonIsAccepted() throws Exception {
        HttpResponse<String> r = web.http.send(HttpRequest.newBuilder(web.uri("/api/checks"))
                .header("Content-Type", "text/plain").POST(HttpRequest.BodyPublishers.ofString("{\"target\":\"x\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(415);
        assertThat(json(r).get("error").stringValue()).contains("application/json");
    }

    @Test
    void unknownChecksAre404() throws Exception {
        HttpResponse<String> r = web.get("/api/checks/0123456789abcdef01234567");
        assertThat(r.statusCode()).isEqualTo(404);
        assertThat(json(r).get("error").stringValue()).isEqualTo("no such check");
    }

    @Test
    void privateTargetsAreRefusedUnlessAllowed() throws Exception {
        try (WebFixture strict = new WebFixture(WebFixture.settings(lab.caFile(), false, 4, 1000))) {
            int port = lab.address(Scenario.GOOD).getPort();
            HttpResponse<String> literal = strict.postJson("/api/checks", "{\"target\": \"127.0.0.1:25\"}");
            assertThat(literal.statusCode()).isEqualTo(400);
            assertThat(json(literal).get("error").stringValue()).contains("loopback");
            HttpResponse<String> named = strict.postJson("/api/checks", "{\"target\": \"mx.lab.test:25\"}");
            assertThat(named.statusCode()).isEqualTo(400);
            assertThat(json(named).get("error").stringValue()).contains("resolves to 127.0.0.1").contains("loopback");
            HttpResponse<String> oddPort = strict.postJson("/api/checks", "{\"target\": \"mx.lab.test:" + port + "\"}");
            assertThat(oddPort.statusCode()).isEqualTo(400);
            assertThat(json(oddPort).get("error").stringValue()).contains("not a mail port");
            assertThat(strict.server.jobs().recent()).isEmpty();
        }
    }

    @Test
    void aClientOverItsRateGets429WithRetryAfter() throws Exception {
        try (WebFixture limited = new WebFixture(WebFixture.settings(lab.caFile(), true, 4, 2))) {
            // Refused requests count too: the limit protects the resolver as well as the checks.
            assertThat(limited.postJson("/api/checks", "{\"target\": \"bad target\"}").statusCode()).isEqualTo(400);
            assertThat(limited.postJson("/api/checks", "{\"target\": \"bad target\"}").statusCode()).isEqualTo(400);
            HttpResponse<String> third = limited.postJson("/api/checks", "{\"target\": \"mx.lab.test\"}");
            assertThat(third.statusCode()).isEqualTo(429);
            assertThat(json(third).get("error").stringValue()).contains("too many checks");
            assertThat(third.headers().firstValue("Retry-After")).hasValueSatisfying(
                    v -> assertThat(Integer.parseInt(v)).isBetween(1, 60));
            HttpResponse<String> form = limited.postForm("/checks", "target=mx.lab.test");
            assertThat(form.statusCode()).as("the form shares the limit").isEqualTo(429);
        }
    }

    @Test
    void checksBeyondTheConcurrencyCapGet503UntilOneEnds() throws Exception {
        try (WebFixture capped = new WebFixture(WebFixture.settings(lab.caFile(), true, 1, 1000));
             GatedSmtpServer gated = new GatedSmtpServer("gated.test ESMTP")) {
            String first = submit(capped, "{\"target\": \"127.0.0.1:" + gated.port() + "\"}");
            assertThat(gated.awaitGreeted(10)).isTrue();
            int good = lab.address(Scenario.GOOD).getPort();

            HttpResponse<String> second = capped.postJson("/api/checks", "{\"target\": \"127.0.0.1:" + good + "\"}");
            assertThat(second.statusCode()).isEqualTo(503);
            assertThat(json(second).get("error").stringValue()).contains("1 checks are running");
            assertThat(second.headers().firstValue("Retry-After")).isPresent();
            assertThat(capped.server.jobs().runningCount()).isEqualTo(1);

            gated.open();
            awaitDone(capped, first);
            String third = submit(capped, "{\"target\": \"127.0.0.1:" + good + "\"}");
            awaitDone(capped, third);
            assertThat(capped.server.jobs().runningCount()).isZero();
        }
    }

    @Test
    void theRecentChecksAreListed() throws Exception {
        int port = lab.address(Scenario.GOOD).getPort();
        String id = submit(web, "{\"target\": \"mx.lab.test:" + port + "\"}");
        awaitDone(web, id);
        JsonNode list = json(web.get("/api/checks"));
        assertThat(list.get("checks").valueStream().map(c -> c.get("id").stringValue())).contains(id);
        JsonNode mine = list.get("checks").valueStream().filter(c -> c.get("id").stringValue().equals(id)).findFirst().orElseThrow();
        assertThat(mine.get("state").stringValue()).isEqualTo("done");
        assertThat(mine.get("outcome").stringValue()).isEqualTo("TLS_OK");
    }

    @Test
    void everyResponseCarriesTheSecurityHeaders() throws Exception {
        for (String path : new String[]{"/", "/api/checks", "/api/checks/nope", "/static/app.js", "/checks/nope"}) {
            HttpResponse<String> r = web.get(path);
            assertThat(r.headers().firstValue("Content-Security-Policy")).as(path).hasValue(SecurityHeaders.CSP);
            assertThat(r.headers().firstValue("X-Content-Type-Options")).as(path).hasValue("nosniff");
            assertThat(r.headers().firstValue("X-Frame-Options")).as(path).hasValue("DENY");
            assertThat(r.headers().firstValue("Referrer-Policy")).as(path).hasValue("no-referrer");
            assertThat(r.headers().firstValue("Server")).as(path).isEmpty();
        }
        assertThat(SecurityHeaders.CSP).contains("script-src 'self'", "style-src 'self'", "frame-ancestors 'none'")
                .doesNotContain("unsafe-inline", "unsafe-eval");
    }

    @Test
    void aForeignHostNameIsRefusedOnLoopback() throws Exception {
        assertThat(rawGet("evil.example")).startsWith("HTTP/1.1 403");
        assertThat(rawGet("127.0.0.1:" + web.server.port())).startsWith("HTTP/1.1 200");
        assertThat(rawGet("localhost:" + web.server.port())).startsWith("HTTP/1.1 200");
        assertThat(WebServer.loopbackHost("[::1]:8080")).isTrue();
        assertThat(WebServer.loopbackHost("127.evil.example")).isFalse();
    }

    @Test
    void crossSitePostsAreRefused() throws Exception {
        HttpResponse<String> r = web.http.send(HttpRequest.newBuilder(web.uri("/checks"))
                .header("Content-Type", "application/x-www-form-urlencoded").header("Sec-Fetch-Site", "cross-site")
                .POST(HttpRequest.BodyPublishers.ofString("target=mx.lab.test")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(403);
    }

    private static String rawGet(String host) throws Exception {
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), web.server.port())) {
            s.setSoTimeout((int) Duration.ofSeconds(10).toMillis());
            s.getOutputStream().write(("GET / HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            return new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.ISO_8859_1)).readLine();
        }
    }
}
