package io.mailtls.lab.domain;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

import io.mailtls.lab.LabConfig;

/**
 * How to start a {@link DomainLab}: which domain scenarios, which ports, where the CA and the
 * DNSSEC trust anchor go. Immutable; the {@code with...} methods copy.
 *
 * @param scenarios       the domain scenario names to publish, in order (see {@link DomainLab#scenarioIds()})
 * @param smtpPort        the one port of every MX endpoint; 0 picks a free one
 * @param policyPort      the HTTPS port of the policy host; 0 picks a free one
 * @param dnsPort         the UDP and TCP port of the lab DNS on 127.0.0.1; 0 picks a free one
 * @param caFile          where the lab root CA goes (PEM; a directory gets {@code lab-ca.pem}); null: a temporary file
 * @param trustAnchorFile where the DS trust anchor goes (a directory gets {@code lab-trust-anchor.txt});
 *                        null: a temporary file
 * @param addressBlock    the second octet of the loopback addresses: domain number N's hosts are 127.B.N.M,
 *                        the policy host is 127.B.0.1
 * @param smtp            the bounds of the SMTP endpoints (greeting delay, timeouts, session limits);
 *                        its ports, bind address and CA file are not used
 * @param policyStall     how long the stalling policy host holds a request
 */
public record DomainLabConfig(List<String> scenarios, int smtpPort, int policyPort, int dnsPort, Path caFile,
                              Path trustAnchorFile, int addressBlock, LabConfig smtp, Duration policyStall) {

    /** 127.20.0.0/16 by default: clear of 127.0.0.x, where most test servers listen. */
    public static final int DEFAULT_ADDRESS_BLOCK = 20;

    public DomainLabConfig {
        scenarios = List.copyOf(scenarios);
        for (String id : scenarios) {
            if (DomainCatalog.byId(id).isEmpty()) {
                throw new IllegalArgumentException("unknown domain scenario '" + id + "'; known: "
                        + String.join(", ", DomainCatalog.ids()));
            }
        }
        if (scenarios.stream().distinct().count() != scenarios.size()) {
            throw new IllegalArgumentException("a domain scenario is named twice: " + scenarios);
        }
        requirePort("smtpPort", smtpPort);
        requirePort("policyPort", policyPort);
        requirePort("dnsPort", dnsPort);
        if (addressBlock < 1 || addressBlock > 254) {
            throw new IllegalArgumentException("addressBlock must be 1..254, not " + addressBlock);
        }
        Objects.requireNonNull(smtp, "smtp");
        if (policyStall == null || policyStall.isNegative() || policyStall.isZero()) {
            throw new IllegalArgumentException("policyStall must be positive");
        }
    }

    private static void requirePort(String name, int port) {
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException(name + " must be 0..65535, not " + port);
        }
    }

    /** Every domain scenario, free ports, temporary files, default bounds. */
    public static DomainLabConfig defaults() {
        return new DomainLabConfig(DomainCatalog.ids(), 0, 0, 0, null, null, DEFAULT_ADDRESS_BLOCK, LabConfig.of(),
                Duration.ofMinutes(2));
    }

    public DomainLabConfig withScenarios(List<String> value) {
        return new DomainLabConfig(value, smtpPort, policyPort, dnsPort, caFile, trustAnchorFile, addressBlock, smtp,
                policyStall);
    }

    public DomainLabConfig withScenarios(String... value) {
        return withScenarios(List.of(value));
    }

    public DomainLabConfig withSmtpPort(int value) {
        return new DomainLabConfig(scenarios, value, policyPort, dnsPort, caFile, trustAnchorFile, addressBlock, smtp,
                policyStall);
    }

    public DomainLabConfig withPolicyPort(int value) {
        return new DomainLabConfig(scenarios, smtpPort, value, dnsPort, caFile, trustAnchorFile, addressBlock, smtp,
                policyStall);
    }

    public DomainLabConfig withDnsPort(int value) {
        return new DomainLabConfig(scenarios, smtpPort, policyPort, value, caFile, trustAnchorFile, addressBlock, smtp,
                policyStall);
    }

    public DomainLabConfig withCaFile(Path value) {
        return new DomainLabConfig(scenarios, smtpPort, policyPort, dnsPort, value, trustAnchorFile, addressBlock,
                smtp, policyStall);
    }

    public DomainLabConfig withTrustAnchorFile(Path value) {
        return new DomainLabConfig(scenarios, smtpPort, policyPort, dnsPort, caFile, value, addressBlock, smtp,
                policyStall);
    }

    public DomainLabConfig withAddressBlock(int value) {
        return new DomainLabConfig(scenarios, smtpPort, policyPort, dnsPort, caFile, trustAnchorFile, value, smtp,
                policyStall);
    }

    public DomainLabConfig withSmtp(LabConfig value) {
        return new DomainLabConfig(scenarios, smtpPort, policyPort, dnsPort, caFile, trustAnchorFile, addressBlock,
                value, policyStall);
    }

    public DomainLabConfig withPolicyStall(Duration value) {
        return new DomainLabConfig(scenarios, smtpPort, policyPort, dnsPort, caFile, trustAnchorFile, addressBlock,
                smtp, value);
    }
}
