package io.mailtls.demo;

import io.mailtls.audit.CheckOptions;
import io.mailtls.audit.CheckReport;
import io.mailtls.audit.TargetAudit;
import io.mailtls.cert.TrustAnchors;
import io.mailtls.lab.Lab;
import io.mailtls.lab.LabConfig;
import io.mailtls.lab.LabStartException;
import io.mailtls.lab.Scenario;
import io.mailtls.net.TargetParser;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/** The offline demo: starts the lab in-process and runs the real check engine against a set of its scenarios. */
public final class Demo {
    /** The scenarios the demo shows, each a failure admins meet in the field. */
    public static final List<Scenario> SCENARIOS = List.of(Scenario.GOOD, Scenario.NO_STARTTLS,
            Scenario.STARTTLS_REFUSED, Scenario.EXPIRED, Scenario.WRONG_NAME, Scenario.SELF_SIGNED,
            Scenario.MISSING_INTERMEDIATE, Scenario.TLS10_ONLY, Scenario.WEAK_CIPHERS, Scenario.THROTTLED,
            Scenario.AUTH_BEFORE_TLS, Scenario.DROP_AFTER_STARTTLS);
    /** The name the lab's certificates are issued for. */
    public static final String LAB_NAME = "mx.lab.test";

    /** One scenario's result. */
    public record Result(Scenario scenario, InetSocketAddress address, CheckReport report) {
    }

    private Demo() {
    }

    /** Runs every demo scenario concurrently and returns the results in {@link #SCENARIOS} order. */
    public static List<Result> run() throws LabStartException {
        try (Lab lab = Lab.start(LabConfig.of(SCENARIOS.toArray(Scenario[]::new)))) {
            var options = new CheckOptions("demo.mailtls.invalid", LAB_NAME, null, TrustAnchors.load(lab.caFile()),
                    Duration.ofSeconds(5), Duration.ofSeconds(30), true, false);
            Map<Scenario, Future<CheckReport>> futures = new LinkedHashMap<>();
            try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
                for (Scenario s : SCENARIOS) {
                    InetSocketAddress a = lab.address(s);
                    futures.put(s, pool.submit(() -> new TargetAudit(options, TargetAudit.Progress.NONE)
                            .check(TargetParser.parse("127.0.0.1:" + a.getPort()))));
                }
                List<Result> out = new ArrayList<>();
                for (var e : futures.entrySet()) {
                    out.add(new Result(e.getKey(), lab.address(e.getKey()), e.getValue().get()));
                }
                return out;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            } catch (ExecutionException e) {
                throw new IllegalStateException(e.getCause());
            }
        }
    }
}
