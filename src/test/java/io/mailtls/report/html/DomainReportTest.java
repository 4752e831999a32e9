package io.mailtls.report.html;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailtls.audit.CheckOptions;
import io.mailtls.audit.CheckReport;
import io.mailtls.audit.DomainOptions;
import io.mailtls.audit.TargetAudit;
import io.mailtls.cert.TrustAnchors;
import io.mailtls.dns.NsdServer;
import io.mailtls.lab.Lab;
import io.mailtls.lab.LabConfig;
import io.mailtls.lab.Scenario;
import io.mailtls.net.TargetParser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A domain report (nsd on loopback for DNS, the lab as MX) renders its domain section and passes the Nu checker. */
@Tag("interop")
class DomainReportTest {

    @Test
    void aDomainReportShowsMxMtaStsDaneAndTlsRpt(@TempDir Path dir) throws Exception {
        NsdServer nsd = NsdServer.start(dir, List.of(NsdServer.Zone.unsigned("lab.test", """
                @ IN MX 10 mx
                mx IN A 127.0.0.1
                _smtp._tls IN TXT "v=TLSRPTv1; rua=mailto:tlsrpt@lab.test"
                """)));
        CheckReport r;
        try (Lab lab = Lab.start(LabConfig.of(Scenario.GOOD))) {
            CheckOptions options = new CheckOptions("test.mailtls.invalid", null, null, TrustAnchors.load(lab.caFile()),
                    Duration.ofSeconds(3), Duration.ofSeconds(20), true, false)
                    .withDomain(new DomainOptions(nsd.address(), null, lab.address(Scenario.GOOD).getPort(), 1));
            r = new TargetAudit(options, TargetAudit.Progress.NONE).check(TargetParser.parse("lab.test"));
        } finally {
            nsd.close();
        }
        assertThat(r.domain()).isNotNull();
        Document d = Jsoup.parse(HtmlReport.render(r));
        assertThat(d.select("#domain h2").text()).isEqualTo("The domain");
        assertThat(d.select("#domain table.mx tbody tr")).hasSize(1);
        assertThat(d.select("#domain table.mx td code").eachText()).containsExactly("mx.lab.test", "127.0.0.1");
        assertThat(d.select("#domain h3").eachText()).containsExactly("MTA-STS", "DANE", "TLS-RPT");
        assertThat(d.select("#domain .policy-line").last().text()).contains("mailto:tlsrpt@lab.test");
        assertThat(d.select("#endpoints section.endpoint h3").text()).contains("mx.lab.test");

        Path file = Files.createDirectories(E2eTools.artifacts().resolve("reports")).resolve("domain.html");
        HtmlReport.write(r, file);
        if (Files.exists(E2eTools.e2eDir().resolve("node_modules/vnu-jar/build/dist/vnu.jar"))) {
            E2eTools.Run run = E2eTools.validate(List.of(file));
            assertThat(run.output()).as("vnu errors").isBlank();
        }
    }
}
