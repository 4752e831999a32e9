package io.mailtls.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailtls.audit.CheckOptions;
import io.mailtls.audit.DomainOptions;
import io.mailtls.cert.TrustAnchors;
import io.mailtls.dns.NsdServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.http.HttpResponse;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A mail domain whose MX and MTA-STS policy host point at loopback (served by nsd on loopback): a public server
 * checks it without ever connecting to either.
 */
@Tag("interop")
class WebDomainGuardTest {

    @Test
    void aDomainPointingAtLoopbackIsCheckedWithoutConnectingThere(@TempDir Path dir) throws Exception {
        try (ServerSocketChannel mx = listener(); ServerSocketChannel policy = listener()) {
            NsdServer nsd = NsdServer.start(dir, List.of(NsdServer.Zone.unsigned("evil.test", """
                    @ IN MX 10 mx
                    mx IN A 127.0.0.1
                    mta-sts IN A 127.0.0.1
                    _mta-sts IN TXT "v=STSv1; id=1"
                    """)));
            try {
                int mxPort = ((InetSocketAddress) mx.getLocalAddress()).getPort();
                int policyPort = ((InetSocketAddress) policy.getLocalAddress()).getPort();
                CheckOptions options = new CheckOptions("test.mailtls.invalid", null, null, TrustAnchors.load(null),
                        Duration.ofSeconds(3), Duration.ofSeconds(20), true, false)
                        .withDomain(new DomainOptions(nsd.address(), null, mxPort, policyPort));
                WebSettings settings = WebSettings.defaults(options).withListen("127.0.0.1", 0).withAllowPrivate(false)
                        .withLimits(2, 100).withResolver(host -> {
                            throw new AssertionError("a domain is looked up by the engine, not by the guard");
                        });
                try (WebFixture web = new WebFixture(settings)) {
                    HttpResponse<String> r = web.postJson("/api/checks", "{\"target\": \"evil.test\"}");
                    assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
                    String id = JsonMapper.builder().build().readTree(r.body()).get("id").stringValue();
                    web.server.jobs().get(id).orElseThrow().finished().get(60, TimeUnit.SECONDS);

                    JsonNode doc = JsonMapper.builder().build().readTree(web.get("/api/checks/" + id).body());
                    assertThat(doc.get("endpoints").get(0).get("host").stringValue()).isEqualTo("mx.evil.test");
                    assertThat(doc.get("findings").valueStream().map(f -> f.get("id").stringValue()))
                            .contains(GuardedEngine.ADDRESS_NOT_ALLOWED);
                    assertThat(doc.get("domain").get("mta_sts").get("fetch").get("detail").stringValue())
                            .contains("not fetched").contains("loopback");
                }
            } finally {
                nsd.close();
            }
            assertThat(mx.accept()).as("no connection reached the MX port").isNull();
            assertThat(policy.accept()).as("no connection reached the policy port").isNull();
        }
    }

    private static ServerSocketChannel listener() throws Exception {
        ServerSocketChannel c = ServerSocketChannel.open();
        c.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        c.configureBlocking(false);
        return c;
    }
}
