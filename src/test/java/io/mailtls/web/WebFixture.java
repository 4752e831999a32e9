package io.mailtls.web;

import io.mailtls.audit.CheckOptions;
import io.mailtls.cert.TrustAnchors;
import io.mailtls.lab.Lab;
import io.mailtls.lab.LabConfig;
import io.mailtls.lab.Scenario;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** A web server on an ephemeral loopback port plus an HTTP client for it; the lab name resolves to 127.0.0.1. */
final class WebFixture implements AutoCloseable {
    static final String LAB_NAME = "mx.lab.test";

    final WebServer server;
    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NEVER).build();

    WebFixture(WebSettings settings) {
        this.server = WebServer.start(settings);
    }

    /**
     * Settings for tests: port 0 on 127.0.0.1, trust in the lab CA, a fake resolver for the lab name. The step limit
     * is long so that a check held by {@link GatedSmtpServer} stays running on a loaded machine until the test opens
     * the gate; checks against the lab end in milliseconds anyway.
     */
    static WebSettings settings(Path caFile, boolean allowPrivate, int maxConcurrent, int perMinute) {
        CheckOptions options = new CheckOptions("test.mailtls.invalid", null, null, TrustAnchors.load(caFile),
                Duration.ofSeconds(30), Duration.ofSeconds(90), true, false);
        return WebSettings.defaults(options).withListen("127.0.0.1", 0).withAllowPrivate(allowPrivate)
                .withLimits(maxConcurrent, perMinute).withResolver(WebFixture::labResolver);
    }

    static List<InetAddress> labResolver(String host) throws UnknownHostException {
        if (host.equals(LAB_NAME)) {
            return List.of(InetAddress.getLoopbackAddress());
        }
        throw new UnknownHostException(host);
    }

    static Lab lab(Scenario... scenarios) throws Exception {
        return Lab.start(LabConfig.of(scenarios));
    }

    URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.port() + path);
    }

    HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(30)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> postJson(String path, String json) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> postForm(String path, String form) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Override
    public void close() {
        server.close();
    }
}
