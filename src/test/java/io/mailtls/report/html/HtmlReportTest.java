package io.mailtls.report.html;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailtls.audit.CheckReport;
import io.mailtls.check.Severity;
import io.mailtls.lab.Scenario;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HtmlReportTest {
    private static Map<Scenario, CheckReport> reports;

    @BeforeAll
    static void checkTheLab() throws Exception {
        reports = LabReports.check(Scenario.GOOD, Scenario.HOSTILE_BANNER, Scenario.EXPIRED, Scenario.NO_STARTTLS);
    }

    private static Document parse(CheckReport r) {
        return Jsoup.parse(HtmlReport.render(r));
    }

    @Test
    void goodServerShowsTheVerdictDeliveryFindingsChainAndLadder() {
        CheckReport r = reports.get(Scenario.GOOD);
        assertThat(r.outcome().name()).isEqualTo("TLS_OK");
        Document d = parse(r);
        assertThat(d.select("section.verdict.outcome-tls-ok .verdict-outcome").text()).isEqualTo("TLS OK");
        assertThat(d.select("table.delivery tbody tr")).hasSize(r.delivery().size());
        assertThat(d.select("table.delivery tbody th code").eachText())
                .containsExactlyElementsOf(r.delivery().stream().map(x -> x.sender()).toList());
        long problems = r.findings().stream().filter(f -> f.severity() != Severity.OK).count();
        assertThat(d.select("article.finding")).hasSize((int) problems);
        assertThat(d.select("details.passed li")).hasSize(r.findings().size() - (int) problems);
        int chain = r.endpoints().getFirst().facts().certificate().chain().size();
        assertThat(d.select("ol.certs > li.cert")).hasSize(chain);
        assertThat(d.select("ol.certs .cert-subject").first().text()).contains("mx.lab.test");
        assertThat(d.select(".chain-summary .yes").eachText()).contains("trusted", "matches mx.lab.test");
        assertThat(d.select("figure.ladder svg")).hasSize(1);
        assertThat(d.select("svg line.arrow-send")).isNotEmpty();
        assertThat(d.select("svg line.arrow-reply")).isNotEmpty();
        assertThat(d.select("svg line.arrow-tls")).hasSize(2);
        assertThat(d.select("svg rect.tunnel")).hasSize(1);
        assertThat(d.select("dl.facts dd").eachText()).contains(r.endpoints().getFirst().facts().tls().protocol());
    }

    @Test
    void aDeepCheckShowsProtocolsCipherSuitesAndTheSmtpProbes() throws Exception {
        CheckReport r = LabReports.check(true, Scenario.WEAK_CIPHERS).get(Scenario.WEAK_CIPHERS);
        var probe = r.endpoints().getFirst().facts().probe();
        assertThat(probe).isNotNull();
        Document d = parse(r);
        assertThat(d.select(".probe table.protocols th").eachText()).containsExactlyElementsOf(probe.protocols().keySet());
        assertThat(d.select(".probe table.protocols td.offered")).hasSize(
                (int) probe.protocols().values().stream().filter(Boolean.TRUE::equals).count());
        assertThat(d.select(".probe ol.ciphers code").eachText())
                .containsExactlyElementsOf(probe.ciphers().values().stream().flatMap(java.util.List::stream).toList());
        assertThat(d.select(".probe dl.facts dt").eachText()).contains("STARTTLS injection", "TLS required before MAIL");
    }

    @Test
    void theVerdictSentenceNeverHidesAFindingAboveLow() {
        var high = new io.mailtls.check.Finding("MX_DNSSEC_BOGUS", Severity.HIGH, "bogus", "", "", null);
        var r = new CheckReport("example.org", java.time.Instant.EPOCH, 1, io.mailtls.facts.Outcome.TLS_OK,
                java.util.List.of(high), java.util.List.of(), java.util.List.of(), null);
        Document d = parse(r);
        assertThat(d.select(".verdict-summary").text()).contains("need attention").contains("HIGH")
                .doesNotContain("nothing above LOW");
        assertThat(parse(reports.get(Scenario.GOOD)).select(".verdict-summary").text()).contains("nothing above LOW");
    }

    @Test
    void findingsShowSeverityDetailAndFix() {
        CheckReport r = reports.get(Scenario.EXPIRED);
        Document d = parse(r);
        Element card = d.select("article.finding").stream()
                .filter(e -> e.select(".finding-id").text().equals("CERT_EXPIRED")).findFirst().orElseThrow();
        var finding = r.findings().stream().filter(f -> f.id().equals("CERT_EXPIRED")).findFirst().orElseThrow();
        assertThat(card.hasClass("sev-" + finding.severity().name().toLowerCase())).isTrue();
        assertThat(card.select(".sev-badge").text()).isEqualTo(finding.severity().name());
        assertThat(card.select(".finding-detail").text()).isEqualTo(finding.detail());
        assertThat(card.select(".finding-fix").text()).isEqualTo("Fix: " + finding.fix());
        assertThat(d.select("li.cert-faulty")).hasSize(1);
        assertThat(d.select("li.cert-faulty dd").eachText()).anyMatch(t -> t.contains("expired"));
    }

    @Test
    void withoutStarttlsThereIsNoTunnelAndNoChain() {
        Document d = parse(reports.get(Scenario.NO_STARTTLS));
        assertThat(d.select("section.verdict.outcome-no-tls")).hasSize(1);
        assertThat(d.select("svg rect.tunnel")).isEmpty();
        assertThat(d.select("svg line.arrow-tls")).isEmpty();
        assertThat(d.select("ol.certs")).isEmpty();
    }

    @Test
    void theLabsHostileBannerIsShownAsTextAndRunsNothing() {
        CheckReport r = reports.get(Scenario.HOSTILE_BANNER);
        String html = HtmlReport.render(r);
        Document d = Jsoup.parse(html);
        assertThat(d.select("script")).isEmpty();
        assertThat(html).doesNotContain("<script>").doesNotContain("\u001b");
        assertThat(d.select("table.transcript-table code").eachText())
                .anyMatch(t -> t.contains("<script>alert(1)</script>") && t.contains("\\x1b[31;1mHOSTILE"));
        assertThat(d.select("svg text.msg-reply").eachText()).anyMatch(t -> t.contains("<script>alert(1)</script>"));
    }

    @Test
    void everyServerSuppliedFieldIsEscapedWhereverItAppears() throws Exception {
        String html = HtmlReport.render(HostileReports.report());
        Document d = Jsoup.parse(html);
        assertThat(d.select("script")).isEmpty();
        assertThat(d.select("img")).isEmpty();
        assertThat(d.getAllElements()).allSatisfy(e -> assertThat(e.attributes().asList())
                .noneMatch(a -> a.getKey().startsWith("on")));
        assertThat(html).doesNotContain("\u001b");
        String text = d.body().text();
        assertThat(text).contains("CN=" + HostileReports.SCRIPT, "CN=" + HostileReports.IMG,
                "evil" + HostileReports.SCRIPT + ".test", "expired: " + HostileReports.IMG,
                "seen: " + HostileReports.IMG + " \\x1b[31mRED\\x1b[0m", "renew " + HostileReports.QUOTE,
                "because " + HostileReports.SCRIPT, "x25519" + HostileReports.SCRIPT, "EHLO failed " + HostileReports.IMG,
                "a note with " + HostileReports.SCRIPT, "250 injected " + HostileReports.SCRIPT,
                "SSLv2: " + HostileReports.IMG, "anomaly " + HostileReports.SCRIPT);
        assertThat(d.title()).contains("mx." + HostileReports.SCRIPT);
    }

    @Test
    void onlyTheStylesheetIsEverWrittenUnescaped() throws Exception {
        // Raw markup is package-private; this keeps its one use where it belongs.
        try (var files = java.nio.file.Files.list(Path.of("src/main/java/io/mailtls/report/html"))) {
            assertThat(files.filter(f -> {
                try {
                    return Files.readString(f).contains("new Raw(");
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }).map(f -> f.getFileName().toString())).containsExactly("Styles.java");
        }
    }

    @Test
    void theFileLoadsNothingAndForbidsScripts() {
        Document d = parse(reports.get(Scenario.GOOD));
        assertThat(d.select("[src], link, script, iframe, object, embed, base")).isEmpty();
        assertThat(d.select("a[href]")).allSatisfy(a -> assertThat(a.attr("href")).startsWith("#"));
        String csp = d.select("meta[http-equiv=Content-Security-Policy]").attr("content");
        assertThat(csp).contains("default-src 'none'").contains("style-src 'sha256-").doesNotContain("script-src");
        assertThat(d.select("head style")).hasSize(1);
        assertThat(d.select("head style").first().data()).isEqualTo(Styles.css());
        assertThat(d.select("html").attr("lang")).isEqualTo("en");
        assertThat(d.charset().name()).isEqualTo("UTF-8");
    }

    @Test
    void writeProducesTheRenderedFile(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("report.html");
        CheckReport r = reports.get(Scenario.GOOD);
        HtmlReport.write(r, file);
        assertThat(Files.readString(file)).startsWith("<!DOCTYPE html>").contains("mailtls report for");
    }
}
