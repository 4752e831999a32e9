package io.mailtls.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailtls.lab.Lab;
import io.mailtls.lab.Scenario;
import io.mailtls.report.html.HtmlReport;
import io.mailtls.report.html.Styles;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The HTML pages: the form, the live page, the result page built from the report's components. */
class WebPagesTest {
    private static Lab lab;
    private static WebFixture web;

    @BeforeAll
    static void start() throws Exception {
        lab = WebFixture.lab(Scenario.GOOD, Scenario.HOSTILE_BANNER);
        web = new WebFixture(WebFixture.settings(lab.caFile(), true, 4, 1000));
    }

    @AfterAll
    static void stop() {
        web.close();
        lab.close();
    }

    private static Document page(String path) throws Exception {
        HttpResponse<String> r = web.get(path);
        assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/html"));
        return Jsoup.parse(r.body());
    }

    /** Submits the form and returns the check's id from the redirect. */
    private static String submitForm(String target) throws Exception {
        HttpResponse<String> r = web.postForm("/checks", "target=" + URLEncoder.encode(target, StandardCharsets.UTF_8)
                + "&expect_name=");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(303);
        String location = r.headers().firstValue("Location").orElseThrow();
        assertThat(location).matches("/checks/[0-9a-f]{24}");
        return location.substring("/checks/".length());
    }

    private static void assertNoInlineScriptOrStyle(Document d) {
        assertThat(d.select("script:not([src])")).isEmpty();
        assertThat(d.select("style")).isEmpty();
        assertThat(d.select("[style]")).isEmpty();
        assertThat(d.getAllElements()).allSatisfy(e -> assertThat(e.attributes().asList())
                .noneMatch(a -> a.getKey().toLowerCase().startsWith("on")));
    }

    @Test
    void theHomePageHasTheFormWithTheDeepToggle() throws Exception {
        Document d = page("/");
        var form = d.selectFirst("form.check-form");
        assertThat(form.attr("method")).isEqualTo("post");
        assertThat(form.attr("action")).isEqualTo("/checks");
        assertThat(form.select("input").eachAttr("name")).containsExactly("target", "expect_name", "deep");
        assertThat(form.selectFirst("input[name=deep]").attr("type")).isEqualTo("checkbox");
        assertThat(form.selectFirst("input[name=deep]").hasAttr("checked")).isFalse();
        assertThat(form.select("label[for=target]")).hasSize(1);
        assertThat(d.select("link[rel=stylesheet]").eachAttr("href")).containsExactly("/static/report.css", "/static/web.css");
        assertThat(d.select("script")).isEmpty();
        assertNoInlineScriptOrStyle(d);
    }

    @Test
    void aRefusedFormSubmissionShowsTheErrorAndKeepsTheInputEscaped() throws Exception {
        String typed = "\"><script>alert(1)</script>";
        HttpResponse<String> r = web.postForm("/checks", "target=" + URLEncoder.encode(typed, StandardCharsets.UTF_8));
        assertThat(r.statusCode()).isEqualTo(400);
        Document d = Jsoup.parse(r.body());
        assertThat(d.select("#form-error").text()).isNotBlank();
        assertThat(d.selectFirst("input[name=target]").attr("value")).isEqualTo(typed);
        assertThat(d.select("script")).isEmpty();
    }

    @Test
    void theResultPageIsBuiltFromTheReportComponents() throws Exception {
        String id = submitForm("mx.lab.test:" + lab.address(Scenario.GOOD).getPort());
        var job = web.server.jobs().get(id).orElseThrow();
        job.finished().get(60, TimeUnit.SECONDS);

        Document d = page("/checks/" + id);
        Document standalone = Jsoup.parse(HtmlReport.render(job.report()));
        for (String part : new String[]{"section.verdict", "#delivery", "#findings", "#endpoints"}) {
            assertThat(d.selectFirst(part).outerHtml()).as(part).isEqualTo(standalone.selectFirst(part).outerHtml());
        }
        assertThat(d.select(".verdict-outcome").text()).isEqualTo("TLS OK");
        assertThat(d.select("figure.ladder svg line.arrow")).isNotEmpty();
        assertThat(d.select("nav.result-links a").eachAttr("href"))
                .containsExactly("/checks/" + id + "/report.html", "/api/checks/" + id, "/");
        assertNoInlineScriptOrStyle(d);
        assertThat(d.select("script")).isEmpty();

        Document home = page("/");
        assertThat(home.select("#recent a[href=/checks/" + id + "]")).hasSize(1);
        assertThat(home.select("#recent .outcome-badge").eachText()).contains("TLS OK");
    }

    @Test
    void theDeepToggleRunsTheDeepProbes() throws Exception {
        HttpResponse<String> r = web.postForm("/checks", "target=" + URLEncoder.encode("mx.lab.test:"
                + lab.address(Scenario.GOOD).getPort(), StandardCharsets.UTF_8) + "&deep=on");
        assertThat(r.statusCode()).isEqualTo(303);
        String id = r.headers().firstValue("Location").orElseThrow().substring("/checks/".length());
        var job = web.server.jobs().get(id).orElseThrow();
        job.finished().get(120, TimeUnit.SECONDS);
        assertThat(job.report().endpoints().getFirst().facts().probe()).isNotNull();
        Document d = page("/checks/" + id);
        assertThat(d.select(".probe table.protocols")).hasSize(1);
        assertThat(d.select(".probe ol.ciphers li")).isNotEmpty();
    }

    @Test
    void theHostileBannerIsTextOnTheResultPage() throws Exception {
        String id = submitForm("mx.lab.test:" + lab.address(Scenario.HOSTILE_BANNER).getPort());
        web.server.jobs().get(id).orElseThrow().finished().get(60, TimeUnit.SECONDS);
        HttpResponse<String> r = web.get("/checks/" + id);
        Document d = Jsoup.parse(r.body());
        assertThat(d.select("script")).isEmpty();
        assertThat(r.body()).doesNotContain("<script>").doesNotContain("\u001b");
        assertThat(d.select("table.transcript-table code").eachText()).anyMatch(t -> t.contains("<script>alert(1)</script>"));
    }

    @Test
    void theStandaloneReportIsServedWithItsOwnPolicy() throws Exception {
        String id = submitForm("mx.lab.test:" + lab.address(Scenario.GOOD).getPort());
        var job = web.server.jobs().get(id).orElseThrow();
        job.finished().get(60, TimeUnit.SECONDS);
        HttpResponse<String> r = web.get("/checks/" + id + "/report.html");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).isEqualTo(HtmlReport.render(job.report()));
        assertThat(r.headers().firstValue("Content-Security-Policy"))
                .hasValue(HtmlReport.contentSecurityPolicy() + "; frame-ancestors 'none'");
        assertThat(r.headers().firstValue("Content-Disposition")).hasValueSatisfying(v -> assertThat(v).contains(".html"));
    }

    @Test
    void aRunningCheckShowsItsTranscriptSoFarAndLoadsTheLiveScript() throws Exception {
        try (GatedSmtpServer gated = new GatedSmtpServer("gated.test ESMTP")) {
            String id = submitForm("127.0.0.1:" + gated.port());
            assertThat(gated.awaitGreeted(10)).isTrue();
            CheckJob job = web.server.jobs().get(id).orElseThrow();
            // The greeting line reaches the job just after the socket write that awaitGreeted saw.
            while (job.linesFrom(0).stream().noneMatch(l -> l.line().text().startsWith("220 gated"))) {
                job.awaitChange(job.lineCount(), java.time.Duration.ofSeconds(10));
            }
            Document d = page("/checks/" + id);
            assertThat(d.select("script").eachAttr("src")).containsExactly("/static/app.js");
            var progress = d.selectFirst("#progress");
            assertThat(progress.attr("data-events")).isEqualTo("/api/checks/" + id + "/events");
            int rows = d.select("#live tr").size();
            assertThat(Integer.parseInt(progress.attr("data-seen"))).isEqualTo(rows);
            assertThat(d.select("#live code").eachText()).contains("220 gated.test ESMTP");
            assertThat(d.select("#state").attr("data-state")).isEqualTo("running");
            assertNoInlineScriptOrStyle(d);
            gated.open();
            job.finished().get(60, TimeUnit.SECONDS);
            assertThat(page("/checks/" + id).select("section.verdict")).hasSize(1);
        }
    }

    @Test
    void staticFilesAreServedWithTheirTypes() throws Exception {
        HttpResponse<String> css = web.get("/static/report.css");
        assertThat(css.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/css"));
        assertThat(css.body()).isEqualTo(Styles.css());
        HttpResponse<String> js = web.get("/static/app.js");
        assertThat(js.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/javascript"));
        assertThat(js.body()).contains("EventSource").contains("textContent").doesNotContain("innerHTML");
    }

    @Test
    void unknownChecksGetANotFoundPage() throws Exception {
        HttpResponse<String> r = web.get("/checks/0000");
        assertThat(r.statusCode()).isEqualTo(404);
        assertThat(Jsoup.parse(r.body()).select("h1").text()).isEqualTo("No such check");
        assertThat(web.get("/checks/0000/report.html").statusCode()).isEqualTo(404);
    }
}
