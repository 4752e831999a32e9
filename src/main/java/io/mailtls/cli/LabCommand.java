package io.mailtls.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

import io.mailtls.lab.Lab;
import io.mailtls.lab.LabConfig;
import io.mailtls.lab.LabStartException;
import io.mailtls.lab.Scenario;
import io.mailtls.lab.record.sender.SessionRecorder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code mailtls lab}: serves the fault lab's scenarios on loopback until interrupted. */
@Command(name = "lab", mixinStandardHelpOptions = true,
        description = {"Runs the fault lab: real SMTP servers on 127.0.0.1, one per scenario, with a throwaway PKI.",
            "Without --scenario it serves every scenario on consecutive ports from --port-base."})
public final class LabCommand implements Callable<Integer> {

    /** Where {@code --all} starts when no {@code --port-base} is given. */
    public static final int DEFAULT_PORT_BASE = 2525;
    private static final double MAX_GREETING_DELAY = 3_600;

    @Spec
    private CommandSpec spec;

    @Option(names = "--scenario", paramLabel = "NAME",
            description = "A scenario to serve (repeatable, each with its own --port). --list shows the names.")
    private List<String> scenarios = new ArrayList<>();

    @Option(names = "--port", paramLabel = "N", description = "The port for the --scenario before it (0 = any free port).")
    private List<Integer> ports = new ArrayList<>();

    @Option(names = "--all", description = "Serve every scenario, in contract order, on consecutive ports.")
    private boolean all;

    @Option(names = "--port-base", paramLabel = "N",
            description = "The first port for --all (default: " + DEFAULT_PORT_BASE + ").")
    private Integer portBase;

    @Option(names = "--ca-out", paramLabel = "FILE",
            description = "Write the lab's root CA (PEM) here (default: a temporary file, removed at exit).")
    private Path caOut;

    @Option(names = "--greeting-delay", paramLabel = "SECONDS",
            description = "The slow-greeting scenario's delay (default: 6).")
    private Double greetingDelay;

    @Option(names = "--record", paramLabel = "FILE.jsonl",
            description = {"Write one JSON line per client session (its EHLO, ClientHello, TLS outcome, mail) and,"
                + " at exit, one verdict line per sending client to FILE (created or truncated).",
                "Verdicts per sender go to stderr with or without this option."})
    private Path record;

    @Option(names = "--domains", description = "Also serve the domain lab: a DNSSEC-signed DNS server for lab.test, an "
            + "MTA-STS policy host and MX endpoints, with one mail domain per domain scenario.")
    private boolean domains;

    @Option(names = "--list", description = "List the scenarios and exit.")
    private boolean list;

    private final CountDownLatch stop = new CountDownLatch(1);

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        if (list) {
            for (Scenario scenario : Scenario.values()) {
                out.printf("%-24s %s%n", scenario.id(), scenario.description());
            }
            out.flush();
            return 0;
        }
        LabConfig config = config();
        PrintWriter err = spec.commandLine().getErr();
        SessionRecorder recorder;
        try {
            recorder = SessionRecorder.open(record, SessionRecorder.Limits.DEFAULT, line -> {
                err.println(line);
                err.flush();
            });
        } catch (IOException e) {
            throw usage("cannot write the --record file " + record + ": " + e.getMessage());
        }
        config = config.withSessionListener(session -> {
            err.println(session.logLine());
            err.flush();
            recorder.accept(session);
        });
        Lab lab;
        try {
            lab = Lab.start(config);
        } catch (LabStartException e) {
            recorder.close();
            throw usage(e.getMessage());
        }
        io.mailtls.lab.domain.DomainLab domainLab = null;
        if (domains) {
            try {
                domainLab = io.mailtls.lab.domain.DomainLab.start();
            } catch (LabStartException e) {
                lab.close();
                recorder.close();
                throw usage(e.getMessage());
            }
        }
        final io.mailtls.lab.domain.DomainLab started = domainLab;
        Thread hook = Thread.ofPlatform().name("lab-shutdown").unstarted(() -> {
            closeDomains(started);
            shutDown(lab, recorder, err);
            stop.countDown();
        });
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            for (var endpoint : lab.endpoints().entrySet()) {
                InetSocketAddress address = endpoint.getValue();
                out.printf("%-24s %-21s %s%n", endpoint.getKey(),
                        address.getAddress().getHostAddress() + ":" + address.getPort(),
                        Scenario.byId(endpoint.getKey()).orElseThrow().description());
            }
            out.printf("CA file: %s%n", lab.caFile());
            if (started != null) {
                printDomains(started, out);
            }
            out.flush();
            if (!lab.legacyTlsActive()) {
                err.println("warning: this JVM's TLS cannot serve tls10-only and weak-ciphers"
                        + " (it was initialised before the lab relaxed it)");
                err.flush();
            }
            stop.await();
        } finally {
            if (removeHook(hook)) {
                closeDomains(started);
                shutDown(lab, recorder, err);
            }
        }
        return 0;
    }

    private static void closeDomains(io.mailtls.lab.domain.DomainLab d) {
        if (d != null) {
            d.close();
        }
    }

    /** The domain lab's addresses and the exact options that point {@code mailtls check} at it. */
    private static void printDomains(io.mailtls.lab.domain.DomainLab d, PrintWriter out) {
        InetSocketAddress dns = d.dnsAddress();
        String options = "--resolver " + dns.getAddress().getHostAddress() + ":" + dns.getPort() + " --trust-anchor "
                + d.trustAnchorFile() + " --ca-file " + d.caFile() + " --mx-port " + d.smtpPort() + " --policy-port "
                + d.policyPort();
        out.printf("Domains: DNS %s:%d, MX port %d, MTA-STS policy port %d%n", dns.getAddress().getHostAddress(),
                dns.getPort(), d.smtpPort(), d.policyPort());
        for (var scenario : d.domains()) {
            out.printf("%-32s %s%n", scenario.domain(), scenario.description());
        }
        out.printf("Check a domain: mailtls check DOMAIN %s%n", options);
    }

    /** Closes the lab (so every session is recorded) and the record, then prints the senders' summary. */
    private void shutDown(Lab lab, SessionRecorder recorder, PrintWriter err) {
        lab.close();
        err.println("lab stopped");
        recorder.close();
        if (record != null || !recorder.verdicts().isEmpty()) {
            recorder.summary().forEach(err::println);
        }
        err.flush();
    }

    /** Ends a running {@link #call()} as SIGINT would, for embedding and tests. */
    public void stop() {
        stop.countDown();
    }

    private LabConfig config() {
        if (!scenarios.isEmpty() || !ports.isEmpty()) {
            if (all) {
                throw usage("--all and --scenario exclude each other");
            }
            if (portBase != null) {
                throw usage("--port-base goes with --all; give each --scenario its own --port");
            }
            if (scenarios.size() != ports.size()) {
                throw usage("each --scenario needs its own --port (got " + scenarios.size() + " scenarios and "
                        + ports.size() + " ports)");
            }
        }
        LabConfig config;
        if (scenarios.isEmpty()) {
            int base = portBase == null ? DEFAULT_PORT_BASE : portBase;
            int last = base + Scenario.values().length - 1;
            if (base < 1 || last > 65_535) {
                throw usage("--port-base must leave room for " + Scenario.values().length
                        + " ports between 1 and 65535, not " + base);
            }
            config = LabConfig.all(base);
        } else {
            config = LabConfig.of();
            Set<Integer> taken = new HashSet<>();
            for (int i = 0; i < scenarios.size(); i++) {
                String name = scenarios.get(i);
                Scenario scenario = Scenario.byId(name).orElseThrow(() -> usage("unknown scenario '" + name
                        + "' (known: " + String.join(", ", Scenario.ids()) + ")"));
                int port = ports.get(i);
                if (port < 0 || port > 65_535) {
                    throw usage("--port must be 0..65535, not " + port);
                }
                if (config.ports().containsKey(scenario)) {
                    throw usage("scenario " + name + " is given twice");
                }
                if (port != 0 && !taken.add(port)) {
                    throw usage("port " + port + " is given twice");
                }
                config = config.withPort(scenario, port);
            }
        }
        if (caOut != null) {
            config = config.withCaFile(caOut);
        }
        if (greetingDelay != null) {
            if (!(greetingDelay >= 0 && greetingDelay <= MAX_GREETING_DELAY)) {
                throw usage("--greeting-delay must be 0.." + (int) MAX_GREETING_DELAY + " seconds, not "
                        + greetingDelay);
            }
            config = config.withGreetingDelay(Duration.ofMillis(Math.round(greetingDelay * 1000)));
        }
        return config;
    }

    private ParameterException usage(String message) {
        return new ParameterException(spec.commandLine(), message);
    }

    /** False when the JVM is already shutting down, so the hook does the closing. */
    private static boolean removeHook(Thread hook) {
        try {
            return Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            return false;
        }
    }
}
