package io.mailtls.lab.domain;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import io.mailtls.lab.Scenario;
import io.mailtls.lab.domain.DomainCatalog.DomainSpec;
import io.mailtls.lab.domain.DomainCatalog.MxSpec;
import io.mailtls.lab.domain.DomainCatalog.PolicyHost;
import io.mailtls.lab.domain.DomainCatalog.Tlsa;
import io.mailtls.lab.domain.DomainScenario.Signing;
import io.mailtls.lab.domain.dns.LabZone;
import io.mailtls.lab.domain.mtasts.PolicyFault;
import io.mailtls.lab.domain.mtasts.PolicySite;
import io.mailtls.lab.pki.Credential;
import io.mailtls.lab.pki.LabPki;

/**
 * Turns domain scenarios into what the lab serves: names and addresses for the MX endpoints with
 * their certificates, the DNS records (MX, A, TLSA, the MTA-STS and TLS-RPT TXT records), and the
 * policy files.
 */
final class DomainPublisher {

    /** The DANE port: TLSA records for MX hosts live at {@code _25._tcp.HOST} (RFC 7672 §2.2.3). */
    static final int SMTP_PORT = 25;
    static final String APEX = "lab.test";
    private static final long POLICY_MAX_AGE = 86_400;

    /** One MX endpoint to start: its name, preference, address, scenario and certificate. */
    record PlannedMx(String host, int preference, InetAddress address, Scenario scenario, Credential credential,
                     Tlsa tlsa) {
    }

    /** One domain with its endpoints planned. */
    record PlannedDomain(DomainSpec spec, String domain, List<PlannedMx> mx) {
    }

    private DomainPublisher() {
    }

    /** Names the domain {@code ID.lab.test}, its MX hosts {@code mxN.ID.lab.test} at 127.B.(index+1).N. */
    static PlannedDomain plan(DomainSpec spec, LabPki pki, int block) {
        String domain = spec.id() + "." + APEX;
        int index = DomainCatalog.index(spec) + 1;
        List<PlannedMx> mx = new ArrayList<>();
        for (int i = 0; i < spec.mx().size(); i++) {
            MxSpec m = spec.mx().get(i);
            String host = m.label().isEmpty() ? domain : m.label() + "." + domain;
            Credential credential = pki.issue(m.smtp().plan().credential(), List.of(host));
            mx.add(new PlannedMx(host, m.preference(), address(block, index, i + 1), m.smtp(), credential,
                    m.tlsa()));
        }
        return new PlannedDomain(spec, domain, List.copyOf(mx));
    }

    /** The policy host's own address, 127.B.0.1. */
    static InetAddress policyAddress(int block) {
        return address(block, 0, 1);
    }

    /** An address in the block where nothing ever listens, for the unreachable policy host. */
    static InetAddress deadAddress(int block) {
        return address(block, 0, 2);
    }

    static InetAddress address(int second, int third, int fourth) {
        try {
            return InetAddress.getByAddress(new byte[] {127, (byte) second, (byte) third, (byte) fourth});
        } catch (UnknownHostException e) {
            throw new IllegalStateException("four bytes are always an IPv4 address", e);
        }
    }

    /** The policy files the policy host serves; domains whose policy host does not listen have none. */
    static List<PolicySite> sites(List<PlannedDomain> domains) {
        List<PolicySite> sites = new ArrayList<>();
        for (PlannedDomain d : domains) {
            var policy = d.spec().policy();
            if (policy == null || policy.host() == PolicyHost.NO_LISTENER) {
                continue;
            }
            PolicyFault fault = switch (policy.host()) {
                case SERVED, NO_LISTENER -> PolicyFault.NONE;
                case NOT_FOUND -> PolicyFault.NOT_FOUND;
                case STALL -> PolicyFault.STALL;
                case OVERSIZED -> PolicyFault.OVERSIZED;
            };
            sites.add(new PolicySite(d.domain(), policyText(d), fault));
        }
        return sites;
    }

    /** The RFC 8461 §3.2 policy file, CRLF line endings. */
    static String policyText(PlannedDomain d) {
        var policy = d.spec().policy();
        String mx = policy.coveredLabels().stream().map(label -> "mx: " + label + "." + d.domain() + "\r\n")
                .collect(Collectors.joining());
        return "version: STSv1\r\nmode: " + policy.mode() + "\r\n" + mx + "max_age: " + POLICY_MAX_AGE + "\r\n";
    }

    /** Adds one domain's records to {@code zone}. */
    static void publish(LabZone.Builder zone, PlannedDomain d, int smtpPort, InetAddress policyHost,
                        InetAddress deadHost, long serial) {
        String domain = d.domain();
        if (d.spec().signing() == Signing.UNSIGNED) {
            zone.unsignedDelegation(domain);
        } else if (d.spec().signing() == Signing.BOGUS) {
            zone.bogus(domain, LabZone.Breakage.EXPIRED_SIGNATURES);
        }
        switch (d.spec().style()) {
            case NULL_MX -> zone.nullMx(domain);
            case IMPLICIT -> d.mx().forEach(m -> zone.address(m.host(), m.address()));
            case LISTED -> {
                for (PlannedMx m : d.mx()) {
                    zone.mx(domain, m.preference(), m.host());
                    zone.address(m.host(), m.address());
                    publishTlsa(zone, m, smtpPort);
                }
            }
        }
        var policy = d.spec().policy();
        if (policy != null) {
            zone.txt("_mta-sts." + domain, "v=STSv1; id=" + serial);
            zone.address("mta-sts." + domain, policy.host() == PolicyHost.NO_LISTENER ? deadHost : policyHost);
        }
        if (d.spec().tlsRpt()) {
            zone.txt("_smtp._tls." + domain, "v=TLSRPTv1; rua=mailto:tlsrpt@" + domain);
        }
    }

    /** TLSA 3 1 1 at port 25, and at the lab's port too when it differs, so a check on either port finds them. */
    private static void publishTlsa(LabZone.Builder zone, PlannedMx m, int smtpPort) {
        if (m.tlsa() == Tlsa.NONE) {
            return;
        }
        byte[] data = m.tlsa() == Tlsa.MATCHING ? spkiSha256(m.credential()) : randomDigest();
        for (int port : smtpPort == SMTP_PORT ? List.of(SMTP_PORT) : List.of(SMTP_PORT, smtpPort)) {
            zone.tlsa("_" + port + "._tcp." + m.host(), 3, 1, 1, data);
        }
    }

    /** DANE-EE(3) SPKI(1) SHA-256(1): the digest of the leaf's SubjectPublicKeyInfo. */
    static byte[] spkiSha256(Credential credential) {
        return sha256(credential.leaf().getPublicKey().getEncoded());
    }

    private static byte[] randomDigest() {
        byte[] seed = new byte[32];
        new SecureRandom().nextBytes(seed);
        return sha256(seed);
    }

    private static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    /** The public description of a planned domain, with the endpoints' addresses on the common port. */
    static DomainScenario describe(PlannedDomain d, int smtpPort) {
        List<DomainScenario.Mx> mx = d.mx().stream().map(m -> new DomainScenario.Mx(m.host(), m.preference(),
                new InetSocketAddress(m.address(), smtpPort), m.scenario().id())).toList();
        return new DomainScenario(d.spec().id(), d.domain(), d.spec().description(), d.spec().expected(),
                d.spec().signing(), mx, d.spec().slow());
    }
}
