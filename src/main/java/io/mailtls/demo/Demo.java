package io.mailtls.demo;

import io.mailtls.audit.CheckOptions;
import io.mailtls.audit.CheckReport;
import io.mailtls.audit.DomainOptions;
import io.mailtls.audit.TargetAudit;
import io.mailtls.cert.TrustAnchors;
import io.mailtls.lab.Lab;
import io.mailtls.lab.LabConfig;
import io.mailtls.lab.LabStartException;
import io.mailtls.lab.Scenario;
import io.mailtls.lab.domain.DomainLab;
import io.mailtls.net.Target;
import io.mailtls.net.TargetParser;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The offline demo: starts the lab (SMTP scenarios, and the domain lab with its DNSSEC-signed DNS and MTA-STS host)
 * in-process and runs the real check engine against them: basic checks, deep probes and whole domain checks.
 */
public final class Demo {
    /** The endpoint scenarios the demo shows, each a failure admins meet in the field. */
    public static final List<Scenario> SCENARIOS = List.of(Scenario.GOOD, Scenario.NO_STARTTLS,
            Scenario.STARTTLS_REFUSED, Scenario.EXPIRED, Scenario.WRONG_NAME, Scenario.SELF_SIGNED,
            Scenario.MISSING_INTERMEDIATE, Scenario.TLS10_ONLY, Scenario.WEAK_CIPHERS, Scenario.THROTTLED,
            Scenario.AUTH_BEFORE_TLS, Scenario.DROP_AFTER_STARTTLS);
    /** The scenarios the demo also probes with {@code --deep}. */
    public static final List<Scenario> DEEP = List.of(Scenario.GOOD, Scenario.WEAK_CIPHERS, Scenario.STARTTLS_INJECTION);
    /** The domain scenarios the demo checks whole. */
    public static final List<String> DOMAINS = List.of("all-good", "expired-enforce", "mx-not-covered", "tlsa-mismatch",
            "bogus-dnssec", "policy-unreachable", "no-mtasts", "null-mx");
    /** The name the lab's certificates are issued for. */
    public static final String LAB_NAME = "mx.lab.test";

    /** One checked thing: a lab scenario, or a lab domain. */
    public record Result(String name, String kind, String target, CheckReport report) {
    }

    private Demo() {
    }

    /** Runs every demo check concurrently and returns the results: endpoints, deep probes, domains, in that order. */
    public static List<Result> run() throws LabStartException {
        List<Scenario> all = new ArrayList<>(SCENARIOS);
        DEEP.stream().filter(s -> !all.contains(s)).forEach(all::add);
        try (Lab lab = Lab.start(LabConfig.of(all.toArray(Scenario[]::new)));
             DomainLab domains = DomainLab.start()) {
            var basic = new CheckOptions("demo.mailtls.invalid", LAB_NAME, null, TrustAnchors.load(lab.caFile()),
                    Duration.ofSeconds(5), Duration.ofSeconds(30), true, false);
            var domainOptions = new CheckOptions("demo.mailtls.invalid", null, null, TrustAnchors.load(domains.caFile()),
                    Duration.ofSeconds(5), Duration.ofSeconds(30), true, false).withDomain(new DomainOptions(
                    domains.dnsAddress(), domains.trustAnchorFile(), domains.smtpPort(), domains.policyPort()));
            List<Future<Result>> futures = new ArrayList<>();
            try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
                for (Scenario s : SCENARIOS) {
                    futures.add(pool.submit(() -> check(s.id(), "endpoint", endpoint(lab, s), basic)));
                }
                for (Scenario s : DEEP) {
                    futures.add(pool.submit(() -> check(s.id(), "deep", endpoint(lab, s), basic.withDeep(true))));
                }
                TargetAudit shared = new TargetAudit(domainOptions, TargetAudit.Progress.NONE);
                for (String id : DOMAINS) {
                    String domain = domains.domain(id).domain();
                    futures.add(pool.submit(() -> new Result(id, "domain", domain,
                            shared.check(TargetParser.parse(domain)))));
                }
                List<Result> out = new ArrayList<>();
                for (Future<Result> f : futures) {
                    out.add(f.get());
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

    private static String endpoint(Lab lab, Scenario s) {
        return "127.0.0.1:" + lab.address(s).getPort();
    }

    private static Result check(String name, String kind, String target, CheckOptions options) {
        Target t = TargetParser.parse(target);
        return new Result(name, kind, target, new TargetAudit(options, TargetAudit.Progress.NONE).check(t));
    }
}
