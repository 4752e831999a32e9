package io.mailtls.lab.domain;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.mailtls.lab.Lab;
import io.mailtls.lab.LabConfig;
import io.mailtls.lab.LabServer;
import io.mailtls.lab.LabStartException;
import io.mailtls.lab.domain.DomainPublisher.PlannedDomain;
import io.mailtls.lab.domain.DomainPublisher.PlannedMx;
import io.mailtls.lab.domain.dns.LabDns;
import io.mailtls.lab.domain.dns.LabDnsConfig;
import io.mailtls.lab.domain.dns.LabZone;
import io.mailtls.lab.domain.mtasts.LabMtaSts;
import io.mailtls.lab.domain.mtasts.LabMtaStsConfig;
import io.mailtls.lab.domain.mtasts.PolicySite;
import io.mailtls.lab.pki.LabPki;
import io.mailtls.lab.tls.LegacyTls;
import io.mailtls.lab.tls.ServerTls;

/**
 * The domain lab: whole mail domains under {@code lab.test}, offline. It runs a DNSSEC-signed
 * authoritative DNS server ({@link LabDns}), an MTA-STS policy host ({@link LabMtaSts}) and the MX
 * endpoints (lab {@link LabServer}s on distinct loopback addresses, all on {@link #smtpPort()}),
 * with one throwaway PKI whose root ({@link #caFile()}) signs both the MX and the policy host
 * certificates. A client checks a domain with {@code --resolver} = {@link #dnsAddress()},
 * {@code --trust-anchor} = {@link #trustAnchorFile()}, {@code --ca-file} = {@link #caFile()} and
 * the MX and policy ports. Closing stops everything.
 */
public final class DomainLab implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(DomainLab.class);

    private final LabPki pki;
    private final Path caFile;
    private final Path tempDirectory;
    private final ScheduledExecutorService watchdog;
    private final EndpointGroup smtp;
    private final LabMtaSts policy;
    private final LabDns dns;
    private final List<DomainScenario> domains;

    private DomainLab(Parts parts, LabDns dns, List<DomainScenario> domains) {
        this.pki = parts.pki;
        this.caFile = parts.caFile;
        this.tempDirectory = parts.tempDirectory;
        this.watchdog = parts.watchdog;
        this.smtp = parts.smtp;
        this.policy = parts.policy;
        this.dns = dns;
        this.domains = List.copyOf(domains);
    }

    /** Every domain scenario name, in catalogue order. */
    public static List<String> scenarioIds() {
        return DomainCatalog.ids();
    }

    /** Every domain scenario with the default configuration. */
    public static DomainLab start() throws LabStartException {
        return start(DomainLabConfig.defaults());
    }

    /**
     * Starts the named domain scenarios. Either everything starts or nothing stays open.
     *
     * @throws LabStartException naming what could not listen or be written
     */
    public static DomainLab start(DomainLabConfig config) throws LabStartException {
        Parts parts = new Parts(config.caFile());
        try {
            List<PlannedDomain> planned = new ArrayList<>();
            List<EndpointGroup.Spec> endpoints = new ArrayList<>();
            for (String id : config.scenarios()) {
                PlannedDomain d = DomainPublisher.plan(DomainCatalog.byId(id).orElseThrow(), parts.pki,
                        config.addressBlock());
                planned.add(d);
                for (PlannedMx m : d.mx()) {
                    endpoints.add(new EndpointGroup.Spec(m.address(), m.scenario(),
                            ServerTls.create(m.credential(), m.scenario().plan().tls())));
                }
            }
            parts.smtp = EndpointGroup.start(endpoints, config.smtpPort(), config.smtp(), parts.watchdog);
            List<PolicySite> sites = DomainPublisher.sites(planned);
            parts.policy = LabMtaSts.start(parts.pki, sites, LabMtaStsConfig.defaults()
                    .withBindAddress(DomainPublisher.policyAddress(config.addressBlock()))
                    .withPort(config.policyPort()).withStall(config.policyStall()));
            long serial = Instant.now().getEpochSecond();
            LabZone.Builder zone = LabZone.builder(DomainPublisher.APEX);
            for (PlannedDomain d : planned) {
                DomainPublisher.publish(zone, d, parts.smtp.port(), DomainPublisher.policyAddress(config.addressBlock()),
                        DomainPublisher.deadAddress(config.addressBlock()), serial);
            }
            LabDns dns = LabDns.start(zone.build(), LabDnsConfig.defaults().withPort(config.dnsPort())
                    .withTrustAnchorFile(config.trustAnchorFile()));
            List<DomainScenario> described = planned.stream()
                    .map(d -> DomainPublisher.describe(d, parts.smtp.port())).toList();
            var lab = new DomainLab(parts, dns, described);
            LOG.debug("domain lab: DNS {}, SMTP port {}, policy host {}, {} domains", dns.address(), lab.smtpPort(),
                    parts.policy.address(), described.size());
            return lab;
        } catch (LabStartException | RuntimeException e) {
            parts.close();
            throw e;
        }
    }

    /** A bulk lab with 10% faulty and 5% slow endpoints; see {@link #bulk(BulkConfig)}. */
    public static DomainLab bulk(int endpoints, int domains, double faultyFraction, double slowFraction)
            throws LabStartException {
        return bulk(BulkConfig.of(endpoints, domains).withFractions(faultyFraction, slowFraction));
    }

    /**
     * Starts a bulk lab for the scan benchmark: many endpoints on many loopback addresses, many
     * domains whose MX records point at them, all served by the lab DNS (signed). The policy host
     * runs but serves no domain.
     */
    public static DomainLab bulk(BulkConfig config) throws LabStartException {
        Parts parts = new Parts(config.caFile());
        try {
            BulkLayout layout = BulkLayout.of(config);
            parts.smtp = EndpointGroup.start(layout.endpoints(parts.pki), config.smtpPort(), config.smtp(),
                    parts.watchdog);
            parts.policy = LabMtaSts.start(parts.pki, List.of(), LabMtaStsConfig.defaults());
            LabDns dns = LabDns.start(layout.zone(), LabDnsConfig.defaults().withPort(config.dnsPort())
                    .withTrustAnchorFile(config.trustAnchorFile()).withPresign(config.presign()));
            return new DomainLab(parts, dns, layout.domains(parts.smtp.port(), config.smtp()));
        } catch (LabStartException | RuntimeException e) {
            parts.close();
            throw e;
        }
    }

    /** The lab DNS server's UDP and TCP address ({@code --resolver}). */
    public InetSocketAddress dnsAddress() {
        return dns.address();
    }

    /** The DS trust anchor of {@code lab.test} in zone-file syntax ({@code --trust-anchor}). */
    public Path trustAnchorFile() {
        return dns.trustAnchorFile();
    }

    /** The lab root CA (PEM) that signs every MX and policy host certificate ({@code --ca-file}). */
    public Path caFile() {
        return caFile;
    }

    /** The one port every MX endpoint listens on ({@code --mx-port}). */
    public int smtpPort() {
        return smtp.port();
    }

    /** The policy host's HTTPS port ({@code --policy-port}). */
    public int policyPort() {
        return policy.port();
    }

    /** The published domains, in the configured order. */
    public List<DomainScenario> domains() {
        return domains;
    }

    /** The published domain of scenario {@code id}. */
    public DomainScenario domain(String id) {
        return domains.stream().filter(d -> d.id().equals(id)).findFirst()
                .orElseThrow(() -> new NoSuchElementException("this domain lab does not publish " + id));
    }

    /** Domain name to the addresses of its MX endpoints, in preference order, for the lab command's listing. */
    public Map<String, List<InetSocketAddress>> endpoints() {
        Map<String, List<InetSocketAddress>> out = new LinkedHashMap<>();
        for (DomainScenario d : domains) {
            out.put(d.domain(), d.mx().stream().map(DomainScenario.Mx::address).toList());
        }
        return Collections.unmodifiableMap(out);
    }

    /** The endpoint behind an MX host, with its counters and logs. */
    public LabServer server(DomainScenario.Mx mx) {
        LabServer server = smtp.at(mx.address().getAddress());
        if (server == null) {
            throw new NoSuchElementException("no endpoint at " + mx.address());
        }
        return server;
    }

    /** Every MX endpoint. */
    public Collection<LabServer> servers() {
        return smtp.servers().values();
    }

    /** The lab DNS server itself. */
    public LabDns dns() {
        return dns;
    }

    /** The policy host itself. */
    public LabMtaSts policyHost() {
        return policy;
    }

    /** The lab PKI, for tests that want the certificates. */
    public LabPki pki() {
        return pki;
    }

    /** Stops the DNS server, the policy host and every endpoint; removes the files it chose itself. */
    @Override
    public void close() {
        dns.close();
        new Parts(pki, caFile, tempDirectory, watchdog, smtp, policy).close();
    }

    /** What is started before the DNS server, so a failed start can close exactly that. */
    private static final class Parts implements AutoCloseable {
        final LabPki pki;
        final Path caFile;
        final Path tempDirectory;
        final ScheduledExecutorService watchdog;
        EndpointGroup smtp;
        LabMtaSts policy;

        Parts(Path caFileSetting) throws LabStartException {
            // Must precede the first TLS context in the process, so a Lab started later can still serve legacy TLS.
            LegacyTls.enable();
            pki = LabPki.create();
            Path temp = null;
            try {
                if (caFileSetting == null) {
                    temp = Files.createTempDirectory("mailtls-domain-lab-");
                    caFile = pki.writeRootPem(temp.resolve(Lab.CA_FILE_NAME));
                } else if (Files.isDirectory(caFileSetting)) {
                    caFile = pki.writeRootPem(caFileSetting.resolve(Lab.CA_FILE_NAME));
                } else {
                    caFile = pki.writeRootPem(caFileSetting);
                }
            } catch (IOException e) {
                deleteQuietly(temp);
                throw new LabStartException("cannot write the lab CA file: " + e.getMessage(), e);
            }
            tempDirectory = temp;
            var executor = new ScheduledThreadPoolExecutor(1,
                    Thread.ofPlatform().name("domain-lab-watchdog").daemon(true).factory());
            executor.setRemoveOnCancelPolicy(true);
            watchdog = Executors.unconfigurableScheduledExecutorService(executor);
        }

        Parts(LabPki pki, Path caFile, Path tempDirectory, ScheduledExecutorService watchdog, EndpointGroup smtp,
              LabMtaSts policy) {
            this.pki = pki;
            this.caFile = caFile;
            this.tempDirectory = tempDirectory;
            this.watchdog = watchdog;
            this.smtp = smtp;
            this.policy = policy;
        }

        @Override
        public void close() {
            if (policy != null) {
                policy.close();
            }
            if (smtp != null) {
                smtp.close();
            }
            watchdog.shutdownNow();
            deleteQuietly(tempDirectory);
        }

        private static void deleteQuietly(Path directory) {
            if (directory == null) {
                return;
            }
            try {
                Files.deleteIfExists(directory.resolve(Lab.CA_FILE_NAME));
                Files.deleteIfExists(directory);
            } catch (IOException e) {
                LOG.debug("cannot remove {}: {}", directory, e.toString());
            }
        }
    }
}
