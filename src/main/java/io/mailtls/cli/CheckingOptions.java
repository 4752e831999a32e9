package io.mailtls.cli;

import io.mailtls.audit.CheckOptions;
import io.mailtls.cert.TrustAnchors;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** The options every checking command shares (names are part of the contract). */
public final class CheckingOptions {
    @Spec(Spec.Target.MIXEE)
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--ehlo", paramLabel = "NAME", description = "Name sent in EHLO (default: this machine's FQDN, else mailtls.invalid).")
    String ehlo;

    @Option(names = "--expect-name", paramLabel = "NAME", description = "Name the certificate must match (default: the target host).")
    String expectName;

    @Option(names = "--sni", paramLabel = "NAME", description = "SNI to send (default: the expected name; none for an IP address).")
    String sni;

    @Option(names = "--ca-file", paramLabel = "PEM", description = "Extra trust anchors (PEM), added to the JDK's.")
    Path caFile;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "10",
            description = "Limit for each network step (default: ${DEFAULT-VALUE}); a whole endpoint gets six times that.")
    double timeout;

    @Option(names = "--deep", description = "Also enumerate protocols, cipher suites and groups with raw probes, and run the SMTP security probes.")
    boolean deep;

    @Option(names = "--max-connections", paramLabel = "N", defaultValue = "3",
            description = "Connections at once to one server during --deep (default: ${DEFAULT-VALUE}).")
    int maxConnections;

    @Option(names = "--host", description = "Treat a bare name as one host on port 25 (no MX lookup).")
    boolean host;

    @Option(names = "--resolver", paramLabel = "HOST[:PORT]", description = "The DNS server to ask (default: the system's).")
    String resolver;

    @Option(names = "--trust-anchor", paramLabel = "FILE",
            description = "DNSSEC trust anchors (DS or DNSKEY lines, zone-file syntax); default: the root's.")
    Path trustAnchor;

    @Option(names = "--mx-port", paramLabel = "N", defaultValue = "25",
            description = "Port to contact MX hosts on (default: ${DEFAULT-VALUE}; another for labs and tests).")
    int mxPort;

    @Option(names = "--policy-port", paramLabel = "N", defaultValue = "443",
            description = "HTTPS port of the MTA-STS policy host (default: ${DEFAULT-VALUE}; another for labs and tests).")
    int policyPort;

    @Option(names = "-4", description = "Use IPv4 addresses only.")
    boolean only4;

    @Option(names = "-6", description = "Use IPv6 addresses only.")
    boolean only6;

    /** Validates the options and builds the engine's settings; usage errors become ParameterExceptions. */
    CheckOptions toOptions() {
        if (!(timeout > 0) || timeout > 3600) {
            throw new ParameterException(spec.commandLine(), "--timeout must be between 0 and 3600 seconds, got " + timeout);
        }
        if (only4 && only6) {
            throw new ParameterException(spec.commandLine(), "-4 and -6 exclude each other");
        }
        String name = ehlo == null ? defaultEhloName() : ehlo;
        if (!name.matches("[A-Za-z0-9.\\-_\\[\\]:]{1,255}")) {
            throw new ParameterException(spec.commandLine(), "--ehlo must be a host name or address literal, got '" + name + "'");
        }
        if (caFile != null && !Files.isReadable(caFile)) {
            throw new ParameterException(spec.commandLine(), "--ca-file " + caFile + ": no such readable file");
        }
        if (maxConnections < 1 || maxConnections > 32) {
            throw new ParameterException(spec.commandLine(), "--max-connections must be 1 to 32, got " + maxConnections);
        }
        for (int port : new int[] {mxPort, policyPort}) {
            if (port < 1 || port > 65535) {
                throw new ParameterException(spec.commandLine(), "--mx-port and --policy-port must be 1 to 65535, got " + port);
            }
        }
        if (trustAnchor != null && !Files.isReadable(trustAnchor)) {
            throw new ParameterException(spec.commandLine(), "--trust-anchor " + trustAnchor + ": no such readable file");
        }
        java.net.InetSocketAddress dnsServer = null;
        if (resolver != null) {
            try {
                dnsServer = io.mailtls.dns.DnsConfig.parseServer(resolver);
            } catch (IllegalArgumentException e) {
                throw new ParameterException(spec.commandLine(), "--resolver: " + e.getMessage());
            }
        }
        if (trustAnchor != null) {
            try {
                io.mailtls.dns.TrustAnchors.fromFile(trustAnchor);
            } catch (IllegalArgumentException e) {
                throw new ParameterException(spec.commandLine(), "--trust-anchor: " + e.getMessage());
            }
        }
        var domain = new io.mailtls.audit.DomainOptions(dnsServer, trustAnchor, mxPort, policyPort);
        TrustAnchors anchors = TrustAnchors.load(caFile);
        Duration step = Duration.ofMillis((long) (timeout * 1000));
        Duration deadline = step.multipliedBy(6).compareTo(Duration.ofSeconds(30)) < 0 ? Duration.ofSeconds(30) : step.multipliedBy(6);
        return new CheckOptions(name, expectName, sni, anchors, step, deadline, !only6, !only4, deep, maxConnections,
                domain);
    }

    /** This machine's name when it is fully qualified, read without any DNS query. */
    static String defaultEhloName() {
        String h = System.getenv("HOSTNAME");
        if (h == null || h.isBlank()) {
            try {
                h = Files.readString(Path.of("/etc/hostname")).strip();
            } catch (java.io.IOException e) {
                h = "";
            }
        }
        return h.contains(".") && h.matches("[A-Za-z0-9.\\-]+") ? h : "mailtls.invalid";
    }
}
