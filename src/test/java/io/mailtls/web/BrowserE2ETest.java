package io.mailtls.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailtls.lab.Lab;
import io.mailtls.lab.LabConfig;
import io.mailtls.lab.Scenario;
import io.mailtls.report.html.E2eTools;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * {@code mailtls serve --allow-private} against the fault lab, driven in Debian's Chromium by playwright-core
 * ({@code e2e/run.mjs}): live transcript, verdict, ladder, and a hostile banner that stays text. Needs
 * {@code apt-get install chromium} and {@code npm ci --ignore-scripts} in {@code e2e/}; screenshots land in
 * {@code target/e2e/}.
 */
@Tag("e2e")
class BrowserE2ETest {
    private static final String CHROMIUM = "/usr/bin/chromium";

    @Test
    void aVisitorWatchesACheckLiveAndSeesTheHostileBannerAsText() throws Exception {
        Path e2e = E2eTools.e2eDir();
        E2eTools.require(e2e.resolve("node_modules/playwright-core/package.json"), "run `npm ci --ignore-scripts` in e2e/");
        E2eTools.require(Path.of(CHROMIUM), "install Debian's chromium package");
        E2eTools.require(Path.of("/usr/bin/node"), "install Debian's nodejs package");
        Path out = E2eTools.artifacts();
        for (String png : List.of("home.png", "live.png", "result.png", "hostile.png", "report.png")) {
            Files.deleteIfExists(out.resolve(png));
        }
        // The slow greeting (3 s, under the 5 s that counts as slow) leaves time to watch the transcript grow.
        LabConfig config = LabConfig.of(Scenario.SLOW_GREETING, Scenario.HOSTILE_BANNER)
                .withGreetingDelay(Duration.ofSeconds(3));
        try (Lab lab = Lab.start(config);
             WebFixture web = new WebFixture(WebFixture.settings(lab.caFile(), true, 4, 1000))) {
            Map<String, String> env = Map.of(
                    "BASE_URL", "http://127.0.0.1:" + web.server.port(),
                    "LIVE_TARGET", "mx.lab.test:" + lab.address(Scenario.SLOW_GREETING).getPort(),
                    "HOSTILE_TARGET", "mx.lab.test:" + lab.address(Scenario.HOSTILE_BANNER).getPort(),
                    "OUT_DIR", out.toString(),
                    "CHROMIUM", CHROMIUM);

            E2eTools.Run run = E2eTools.run(List.of("node", "run.mjs"), e2e, env, 240);
            Files.writeString(out.resolve("run.log"), run.output());

            assertThat(run.output()).as(run.output()).contains("e2e: ").doesNotContain("FAIL");
            assertThat(run.exit()).as(run.output()).isZero();
        }
        for (String png : List.of("home.png", "live.png", "result.png", "hostile.png", "report.png")) {
            Path p = out.resolve(png);
            assertThat(p).exists();
            byte[] head = Files.readAllBytes(p);
            assertThat(head.length).as(png).isGreaterThan(1000);
            assertThat(new String(head, 1, 3, java.nio.charset.StandardCharsets.US_ASCII)).as(png).isEqualTo("PNG");
        }
    }
}
