package io.mailtls.lab.domain;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

import io.mailtls.lab.LabConfig;

/**
 * How to start a bulk {@link DomainLab} for the scan benchmark: {@code endpoints} SMTP endpoints
 * named {@code mxK.bulk.lab.test}, each on its own loopback address, and {@code domains} domains
 * {@code dN.bulk.lab.test} whose MX records point at them (one or two each, so hosts are shared).
 *
 * @param endpoints       SMTP endpoints, 1..{@value #MAX_ENDPOINTS}
 * @param domains         domains, 1..{@value #MAX_DOMAINS}
 * @param faultyFraction  the share of endpoints that are faulty, alternately {@code no-starttls} and {@code expired}
 * @param slowFraction    the share of endpoints that greet late ({@code slow-greeting})
 * @param seed            which endpoints get the faults; the same seed gives the same layout
 * @param smtpPort        the one SMTP port of every endpoint; 0 picks a free one
 * @param dnsPort         the lab DNS port on 127.0.0.1; 0 picks a free one
 * @param addressBlock    endpoint K listens on 127.B.(K/254).(K%254+1)
 * @param smtp            the endpoints' bounds; its greeting delay is the slow endpoints' delay
 * @param caFile          where the lab root CA goes; null: a temporary file
 * @param trustAnchorFile where the DS trust anchor goes; null: a temporary file
 * @param presign         sign every RRset before serving (as real authoritative servers serve pre-signed zones)
 *                        instead of on first demand; see {@link io.mailtls.lab.domain.dns.LabDnsConfig#presign()}
 */
public record BulkConfig(int endpoints, int domains, double faultyFraction, double slowFraction, long seed,
                         int smtpPort, int dnsPort, int addressBlock, LabConfig smtp, Path caFile,
                         Path trustAnchorFile, boolean presign) {

    public static final int MAX_ENDPOINTS = 20_000;
    public static final int MAX_DOMAINS = 100_000;
    /** 127.21.0.0 onward by default, clear of the named domain scenarios' block. */
    public static final int DEFAULT_ADDRESS_BLOCK = 21;

    public BulkConfig {
        if (endpoints < 1 || endpoints > MAX_ENDPOINTS) {
            throw new IllegalArgumentException("endpoints must be 1.." + MAX_ENDPOINTS + ", not " + endpoints);
        }
        if (domains < 1 || domains > MAX_DOMAINS) {
            throw new IllegalArgumentException("domains must be 1.." + MAX_DOMAINS + ", not " + domains);
        }
        if (!(faultyFraction >= 0 && slowFraction >= 0 && faultyFraction + slowFraction <= 1)) {
            throw new IllegalArgumentException("fractions must be >= 0 and add up to at most 1, not "
                    + faultyFraction + " + " + slowFraction);
        }
        if (smtpPort < 0 || smtpPort > 65_535 || dnsPort < 0 || dnsPort > 65_535) {
            throw new IllegalArgumentException("ports must be 0..65535");
        }
        int blocks = (endpoints - 1) / (254 * 256) + 1;
        if (addressBlock < 1 || addressBlock + blocks - 1 > 254) {
            throw new IllegalArgumentException("addressBlock must be 1.." + (255 - blocks) + ", not " + addressBlock);
        }
        Objects.requireNonNull(smtp, "smtp");
    }

    /** {@code endpoints} and {@code domains} with 10% faulty and 5% slow endpoints, free ports, default bounds. */
    public static BulkConfig of(int endpoints, int domains) {
        return new BulkConfig(endpoints, domains, 0.10, 0.05, 1, 0, 0, DEFAULT_ADDRESS_BLOCK, LabConfig.of(), null,
                null, false);
    }

    public BulkConfig withFractions(double faulty, double slow) {
        return new BulkConfig(endpoints, domains, faulty, slow, seed, smtpPort, dnsPort, addressBlock, smtp, caFile,
                trustAnchorFile, presign);
    }

    public BulkConfig withGreetingDelay(Duration value) {
        return new BulkConfig(endpoints, domains, faultyFraction, slowFraction, seed, smtpPort, dnsPort, addressBlock,
                smtp.withGreetingDelay(value), caFile, trustAnchorFile, presign);
    }

    public BulkConfig withSeed(long value) {
        return new BulkConfig(endpoints, domains, faultyFraction, slowFraction, value, smtpPort, dnsPort, addressBlock,
                smtp, caFile, trustAnchorFile, presign);
    }

    public BulkConfig withSmtpPort(int value) {
        return new BulkConfig(endpoints, domains, faultyFraction, slowFraction, seed, value, dnsPort, addressBlock,
                smtp, caFile, trustAnchorFile, presign);
    }

    public BulkConfig withDnsPort(int value) {
        return new BulkConfig(endpoints, domains, faultyFraction, slowFraction, seed, smtpPort, value, addressBlock,
                smtp, caFile, trustAnchorFile, presign);
    }

    public BulkConfig withAddressBlock(int value) {
        return new BulkConfig(endpoints, domains, faultyFraction, slowFraction, seed, smtpPort, dnsPort, value, smtp,
                caFile, trustAnchorFile, presign);
    }

    public BulkConfig withSmtp(LabConfig value) {
        return new BulkConfig(endpoints, domains, faultyFraction, slowFraction, seed, smtpPort, dnsPort, addressBlock,
                value, caFile, trustAnchorFile, presign);
    }

    public BulkConfig withCaFile(Path value) {
        return new BulkConfig(endpoints, domains, faultyFraction, slowFraction, seed, smtpPort, dnsPort, addressBlock,
                smtp, value, trustAnchorFile, presign);
    }

    public BulkConfig withTrustAnchorFile(Path value) {
        return new BulkConfig(endpoints, domains, faultyFraction, slowFraction, seed, smtpPort, dnsPort, addressBlock,
                smtp, caFile, value, presign);
    }

    public BulkConfig withPresign(boolean value) {
        return new BulkConfig(endpoints, domains, faultyFraction, slowFraction, seed, smtpPort, dnsPort, addressBlock,
                smtp, caFile, trustAnchorFile, value);
    }
}
