package io.mailtls.scan;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailtls.audit.CheckOptions;
import io.mailtls.audit.DomainOptions;
import io.mailtls.cert.TrustAnchors;
import io.mailtls.lab.LabServer;
import io.mailtls.lab.domain.BulkConfig;
import io.mailtls.lab.domain.DomainLab;
import io.mailtls.lab.domain.DomainScenario;
import java.io.ByteArrayInputStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Fifty domains on the lab DNS whose MX records name the same two hosts: two SMTP conversations in all. */
class DomainSharingTest {
    @Test
    void fiftyDomainsOnTwoMxHostsMakeTwoConversationsAndShareTheirDnsAnswers() throws Exception {
        try (DomainLab lab = DomainLab.bulk(BulkConfig.of(2, 50).withFractions(0, 0))) {
            CheckOptions options = new CheckOptions("tests.mailtls.invalid", null, null,
                    TrustAnchors.load(lab.caFile()), Duration.ofSeconds(5), Duration.ofSeconds(20), true, false)
                    .withDomain(new DomainOptions(lab.dnsAddress(), lab.trustAnchorFile(), lab.smtpPort(),
                            lab.policyPort()));
            List<DomainScenario> domains = lab.domains();
            assertThat(domains).hasSize(50);
            String input = domains.stream().map(DomainScenario::domain).collect(Collectors.joining("\n"));
            Map<LabServer, Boolean> servers = new IdentityHashMap<>();
            domains.forEach(d -> d.mx().forEach(mx -> servers.put(lab.server(mx), true)));
            assertThat(servers).hasSize(2);
            StringWriter out = new StringWriter();

            ScanTotals totals;
            try (ScanOutput o = ScanOutput.stream(out, null);
                 BulkScan scan = new BulkScan(options, ScanSettings.defaults(25, Duration.ofSeconds(20)))) {
                totals = scan.run(ScanSource.stream(new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8))),
                        o, ScanListener.NONE);
            }

            Map<String, JsonNode> lines = ScanFiles.byTarget(ScanFiles.lines(out.toString()));
            assertThat(lines.keySet()).isEqualTo(domains.stream().map(DomainScenario::domain).collect(Collectors.toSet()));
            for (DomainScenario d : domains) {
                JsonNode line = lines.get(d.domain());
                assertThat(line.path("outcome").stringValue("")).as(d.domain()).isEqualTo("TLS_OK");
                assertThat(line.path("endpoints").size()).isEqualTo(d.mx().size());
                // Each domain's endpoints carry its own MX host names and preferences.
                Set<String> hosts = d.mx().stream().map(DomainScenario.Mx::host).collect(Collectors.toSet());
                line.path("endpoints").forEach(e -> assertThat(hosts).contains(e.path("host").stringValue("")));
            }
            long connections = servers.keySet().stream().mapToLong(LabServer::connectionsAccepted).sum();
            assertThat(connections).isEqualTo(2);
            assertThat(totals.conversations()).isEqualTo(2);
            assertThat(totals.sharedEndpoints()).isEqualTo(
                    domains.stream().mapToLong(d -> d.mx().size()).sum() - 2);
            assertThat(totals.dnsSaved()).isPositive();
        }
    }
}
