package io.mailtls.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailtls.lab.Lab;
import io.mailtls.lab.Scenario;
import io.mailtls.report.html.E2eTools;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Every page the web UI serves passes the real Nu HTML checker (vnu). */
@Tag("e2e")
class WebHtmlValidityTest {

    @Test
    void everyPageIsValidHtml5() throws Exception {
        E2eTools.vnuJar();
        Map<String, String> pages = new LinkedHashMap<>();
        try (Lab lab = WebFixture.lab(Scenario.GOOD, Scenario.HOSTILE_BANNER, Scenario.EXPIRED);
             WebFixture web = new WebFixture(WebFixture.settings(lab.caFile(), true, 4, 1000));
             GatedSmtpServer gated = new GatedSmtpServer("gated.test ESMTP <i>x</i>")) {
            for (Scenario s : List.of(Scenario.GOOD, Scenario.HOSTILE_BANNER, Scenario.EXPIRED)) {
                String id = submit(web, "mx.lab.test:" + lab.address(s).getPort());
                web.server.jobs().get(id).orElseThrow().finished().get(60, TimeUnit.SECONDS);
                pages.put("result-" + s.id(), web.get("/checks/" + id).body());
                pages.put("report-" + s.id(), web.get("/checks/" + id + "/report.html").body());
            }
            String running = submit(web, "127.0.0.1:" + gated.port());
            assertThat(gated.awaitGreeted(10)).isTrue();
            pages.put("running", web.get("/checks/" + running).body());
            gated.open();
            pages.put("home", web.get("/").body());
            HttpResponse<String> refused = web.postForm("/checks", "target=%22%3E%3Cscript%3E");
            assertThat(refused.statusCode()).isEqualTo(400);
            pages.put("form-error", refused.body());
            pages.put("not-found", web.get("/checks/nope").body());
        }
        Path dir = Files.createDirectories(E2eTools.artifacts().resolve("pages"));
        List<Path> files = new ArrayList<>();
        for (var e : pages.entrySet()) {
            Path f = dir.resolve(e.getKey() + ".html");
            Files.writeString(f, e.getValue());
            files.add(f);
        }

        E2eTools.Run run = E2eTools.validate(files);

        assertThat(run.output()).as("vnu errors").isBlank();
        assertThat(run.exit()).isZero();
    }

    private static String submit(WebFixture web, String target) throws Exception {
        HttpResponse<String> r = web.postForm("/checks", "target=" + target);
        assertThat(r.statusCode()).isEqualTo(303);
        return r.headers().firstValue("Location").orElseThrow().substring("/checks/".length());
    }
}
