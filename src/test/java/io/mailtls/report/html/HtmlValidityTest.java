package io.mailtls.report.html;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailtls.audit.CheckReport;
import io.mailtls.lab.Scenario;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The self-contained report passes the real Nu HTML checker (vnu), for good, broken and hostile servers. */
@Tag("e2e")
class HtmlValidityTest {

    @Test
    void reportsAreValidHtml5() throws Exception {
        E2eTools.vnuJar();
        Map<Scenario, CheckReport> reports = LabReports.check(Scenario.GOOD, Scenario.HOSTILE_BANNER, Scenario.EXPIRED,
                Scenario.NO_STARTTLS, Scenario.THROTTLED, Scenario.MISSING_INTERMEDIATE, Scenario.GARBAGE_AFTER_STARTTLS);
        Path dir = Files.createDirectories(E2eTools.artifacts().resolve("reports"));
        List<Path> files = new ArrayList<>();
        for (var e : reports.entrySet()) {
            Path f = dir.resolve(e.getKey().id() + ".html");
            HtmlReport.write(e.getValue(), f);
            files.add(f);
        }
        Path hostile = dir.resolve("synthetic-hostile.html");
        HtmlReport.write(HostileReports.report(), hostile);
        files.add(hostile);

        E2eTools.Run run = E2eTools.validate(files);

        assertThat(run.output()).as("vnu errors").isBlank();
        assertThat(run.exit()).isZero();
    }

    @Test
    void theCheckerCatchesBrokenHtml() throws Exception {
        E2eTools.vnuJar();
        Path bad = E2eTools.artifacts().resolve("deliberately-broken.html");
        Files.writeString(bad, "<!DOCTYPE html><html lang=\"en\"><head><title>x</title></head><body><p><div></p></body></html>");

        E2eTools.Run run = E2eTools.validate(List.of(bad));

        assertThat(run.exit()).isNotZero();
        assertThat(run.output()).contains("error");
    }
}
