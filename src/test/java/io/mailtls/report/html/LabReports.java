package io.mailtls.report.html;

import io.mailtls.audit.CheckOptions;
import io.mailtls.audit.CheckReport;
import io.mailtls.audit.TargetAudit;
import io.mailtls.cert.TrustAnchors;
import io.mailtls.lab.Lab;
import io.mailtls.lab.LabConfig;
import io.mailtls.lab.LabStartException;
import io.mailtls.lab.Scenario;
import io.mailtls.net.TargetParser;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;

/** Real reports for the HTML tests: the fault lab on loopback, checked by the real engine. */
public final class LabReports {
    /** The certificate name the lab serves. */
    public static final String LAB_NAME = "mx.lab.test";

    private LabReports() {
    }

    /** Starts a lab with {@code scenarios}, checks each one, and closes the lab. */
    public static Map<Scenario, CheckReport> check(Scenario... scenarios) throws LabStartException {
        return check(false, scenarios);
    }

    /** The same, with the deep probes when {@code deep}. */
    public static Map<Scenario, CheckReport> check(boolean deep, Scenario... scenarios) throws LabStartException {
        Map<Scenario, CheckReport> out = new EnumMap<>(Scenario.class);
        try (Lab lab = Lab.start(LabConfig.of(scenarios))) {
            CheckOptions options = new CheckOptions("test.mailtls.invalid", LAB_NAME, null,
                    TrustAnchors.load(lab.caFile()), Duration.ofSeconds(5), Duration.ofSeconds(30), true, false)
                    .withDeep(deep);
            for (Scenario s : scenarios) {
                out.put(s, new TargetAudit(options, TargetAudit.Progress.NONE)
                        .check(TargetParser.parse("127.0.0.1:" + lab.address(s).getPort())));
            }
        }
        return out;
    }
}
