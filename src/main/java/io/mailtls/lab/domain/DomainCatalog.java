package io.mailtls.lab.domain;

import java.util.List;
import java.util.Optional;

import io.mailtls.lab.Scenario;
import io.mailtls.lab.domain.DomainScenario.Signing;

/**
 * The named domain scenarios as data: each one row saying what its DNS, its policy host and its
 * MX endpoints do, and which contract findings a correct check must report. Names are user-facing
 * ({@code mailtls lab --domains}); the order fixes each domain's loopback addresses.
 */
final class DomainCatalog {

    /** What the TLSA records of an MX host say. */
    enum Tlsa { NONE, MATCHING, MISMATCHED }

    /** How the MX RRset looks. */
    enum MxStyle { LISTED, NULL_MX, IMPLICIT }

    /** How the policy host answers for the domain; NO_LISTENER points its name at an address nobody serves. */
    enum PolicyHost { SERVED, NOT_FOUND, STALL, OVERSIZED, NO_LISTENER }

    /** One MX host: its first label, preference, the lab scenario it serves and its TLSA records. */
    record MxSpec(String label, int preference, Scenario smtp, Tlsa tlsa) {
    }

    /** An MTA-STS policy: mode, the MX labels its {@code mx:} lines name, and how it is served. */
    record PolicySpec(String mode, List<String> coveredLabels, PolicyHost host) {
    }

    /** One domain scenario; {@code policy} is null when the domain publishes no MTA-STS. */
    record DomainSpec(String id, String description, List<String> expected, boolean slow, Signing signing,
                      MxStyle style, List<MxSpec> mx, PolicySpec policy, boolean tlsRpt) {
    }

    private static final MxSpec MX1_GOOD = new MxSpec("mx1", 10, Scenario.GOOD, Tlsa.NONE);
    private static final MxSpec MX2_GOOD = new MxSpec("mx2", 20, Scenario.GOOD, Tlsa.NONE);
    private static final List<String> MX1 = List.of("mx1");

    static final List<DomainSpec> ALL = List.of(
            new DomainSpec("all-good", "2 MX with good STARTTLS, MTA-STS enforce covering both, DANE 3 1 1 "
                    + "matching each MX, TLS-RPT, all DNSSEC-signed",
                    List.of("MX_OK", "MTASTS_OK", "DANE_OK", "TLSRPT_OK"), false, Signing.SIGNED, MxStyle.LISTED,
                    List.of(new MxSpec("mx1", 10, Scenario.GOOD, Tlsa.MATCHING),
                            new MxSpec("mx2", 20, Scenario.GOOD, Tlsa.MATCHING)),
                    new PolicySpec("enforce", List.of("mx1", "mx2"), PolicyHost.SERVED), true),
            new DomainSpec("mx-not-covered", "MTA-STS enforce whose mx: lines miss the second MX",
                    List.of("MTASTS_MX_NOT_COVERED"), false, Signing.SIGNED, MxStyle.LISTED,
                    List.of(MX1_GOOD, MX2_GOOD), new PolicySpec("enforce", MX1, PolicyHost.SERVED), true),
            new DomainSpec("tlsa-mismatch", "signed TLSA 3 1 1 record that matches no key the MX serves",
                    List.of("DANE_MISMATCH"), false, Signing.SIGNED, MxStyle.LISTED,
                    List.of(new MxSpec("mx1", 10, Scenario.GOOD, Tlsa.MISMATCHED)), null, false),
            new DomainSpec("bogus-dnssec", "signed zone whose signatures all expired 10 days ago (TLSA published)",
                    List.of("DANE_BOGUS"), false, Signing.BOGUS, MxStyle.LISTED,
                    List.of(new MxSpec("mx1", 10, Scenario.GOOD, Tlsa.MATCHING)), null, false),
            new DomainSpec("policy-unreachable", "_mta-sts TXT published, but nothing listens at the policy host",
                    List.of("MTASTS_POLICY_UNREACHABLE"), false, Signing.SIGNED, MxStyle.LISTED, List.of(MX1_GOOD),
                    new PolicySpec("enforce", MX1, PolicyHost.NO_LISTENER), true),
            new DomainSpec("no-mtasts", "good STARTTLS, but no MTA-STS, no TLS-RPT, no TLSA, unsigned zone",
                    List.of("MTASTS_NONE", "TLSRPT_NONE", "DANE_NONE"), false, Signing.UNSIGNED, MxStyle.LISTED,
                    List.of(MX1_GOOD), null, false),
            new DomainSpec("expired-enforce", "MTA-STS enforce, but the MX serves an expired certificate",
                    List.of("MTASTS_ENFORCE_FAILS", "CERT_EXPIRED"), false, Signing.SIGNED, MxStyle.LISTED,
                    List.of(new MxSpec("mx1", 10, Scenario.EXPIRED, Tlsa.NONE)),
                    new PolicySpec("enforce", MX1, PolicyHost.SERVED), true),
            new DomainSpec("null-mx", "null MX (RFC 7505): the domain accepts no mail",
                    List.of("MX_NULL"), false, Signing.SIGNED, MxStyle.NULL_MX, List.of(), null, false),
            new DomainSpec("no-mx", "no MX record; the domain's own A record serves as implicit MX",
                    List.of("MX_IMPLICIT"), false, Signing.SIGNED, MxStyle.IMPLICIT,
                    List.of(new MxSpec("", 0, Scenario.GOOD, Tlsa.NONE)), null, false),
            new DomainSpec("mtasts-testing", "MTA-STS in testing mode: reported, not enforced",
                    List.of("MTASTS_TESTING"), false, Signing.SIGNED, MxStyle.LISTED, List.of(MX1_GOOD),
                    new PolicySpec("testing", MX1, PolicyHost.SERVED), true),
            new DomainSpec("dane-insecure", "TLSA records in an unsigned zone: senders ignore them",
                    List.of("DANE_INSECURE"), false, Signing.UNSIGNED, MxStyle.LISTED,
                    List.of(new MxSpec("mx1", 10, Scenario.GOOD, Tlsa.MATCHING)), null, false),
            new DomainSpec("policy-not-found", "_mta-sts TXT published, the policy host answers 404",
                    List.of("MTASTS_POLICY_UNREACHABLE"), false, Signing.SIGNED, MxStyle.LISTED, List.of(MX1_GOOD),
                    new PolicySpec("enforce", MX1, PolicyHost.NOT_FOUND), true),
            new DomainSpec("policy-oversized", "the policy host sends a 10 MB policy",
                    List.of("MTASTS_POLICY_UNREACHABLE"), false, Signing.SIGNED, MxStyle.LISTED, List.of(MX1_GOOD),
                    new PolicySpec("enforce", MX1, PolicyHost.OVERSIZED), true),
            new DomainSpec("policy-stalling", "the policy host accepts the request and never answers",
                    List.of("MTASTS_POLICY_UNREACHABLE"), true, Signing.SIGNED, MxStyle.LISTED, List.of(MX1_GOOD),
                    new PolicySpec("enforce", MX1, PolicyHost.STALL), true));

    private DomainCatalog() {
    }

    static Optional<DomainSpec> byId(String id) {
        return ALL.stream().filter(s -> s.id().equals(id)).findFirst();
    }

    /** The position that fixes the domain's addresses: 127.B.(index+1).M. */
    static int index(DomainSpec spec) {
        return ALL.indexOf(spec);
    }

    static List<String> ids() {
        return ALL.stream().map(DomainSpec::id).toList();
    }
}
