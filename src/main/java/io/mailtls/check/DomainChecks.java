package io.mailtls.check;

import io.mailtls.dns.DnssecStatus;
import io.mailtls.dns.MxFacts;
import io.mailtls.dns.MxHost;
import io.mailtls.policy.Problem;
import io.mailtls.policy.dane.DaneMatch;
import io.mailtls.policy.dane.DaneResult;
import io.mailtls.policy.dane.DaneStatus;
import io.mailtls.policy.dane.TlsaRecord;
import io.mailtls.policy.mtasts.FetchStatus;
import io.mailtls.policy.mtasts.MxTlsObservation;
import io.mailtls.policy.mtasts.PolicyFetch;
import io.mailtls.policy.mtasts.StsEvaluator;
import io.mailtls.policy.mtasts.StsFacts;
import io.mailtls.policy.mtasts.StsMode;
import io.mailtls.policy.mtasts.StsMxCoverage;
import io.mailtls.policy.mtasts.StsMxResult;
import io.mailtls.policy.mtasts.StsPolicy;
import io.mailtls.policy.mtasts.StsRecordStatus;
import io.mailtls.policy.tlsrpt.TlsRptFacts;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/** Domain-level judgement: pure functions from MX, MTA-STS, DANE and TLS-RPT facts to findings. */
public final class DomainChecks {
    private static final int SMTP = 25;

    private DomainChecks() {
    }

    /** MX_NONE, MX_NULL, MX_IMPLICIT, MX_LOOKUP_FAILED, MX_DNSSEC_BOGUS, per-host target problems, MX_OK. */
    public static List<Finding> mx(MxFacts f) {
        List<Finding> out = new ArrayList<>();
        String d = f.domain();
        if (f.mx().dnssec() == DnssecStatus.BOGUS) {
            out.add(new Finding("MX_DNSSEC_BOGUS", Severity.HIGH, "The MX records fail DNSSEC validation",
                    f.mx().summary(), "Re-sign the zone " + d + " (expired or wrong signatures, or a DS that matches no "
                    + "DNSKEY); validating resolvers answer SERVFAIL, so their senders defer the mail.", null));
        }
        switch (f.kind()) {
            case NONE -> out.add(new Finding("MX_NONE", Severity.CRITICAL, "The domain has no mail server",
                    f.mx().summary() + (f.domainAddresses() == null ? "" : "; " + f.domainAddresses().summary()),
                    "Publish MX records naming your mail hosts (" + d + ". IN MX 10 mx." + d + ".), or a null MX ("
                            + d + ". IN MX 0 .) if the domain receives no mail (RFC 7505).", null));
            case NULL_MX -> out.add(new Finding("MX_NULL", Severity.INFO, "The domain accepts no mail (null MX)",
                    f.mx().summary() + ": " + d + ". IN MX " + f.mx().records().getFirst().preference() + " . (RFC 7505)",
                    "", null));
            case IMPLICIT -> out.add(new Finding("MX_IMPLICIT", Severity.LOW,
                    "No MX records: senders deliver to the domain's own address",
                    f.mx().summary() + "; " + f.domainAddresses().summary() + " (RFC 5321 §5.1 implicit MX)",
                    "Publish an MX record: " + d + ". IN MX 10 " + d + ".", null));
            case LOOKUP_FAILED -> out.add(new Finding("MX_LOOKUP_FAILED", Severity.HIGH,
                    "The MX lookup failed, so senders defer the mail",
                    f.mx().summary() + (f.domainAddresses() == null ? "" : "; " + f.domainAddresses().summary()),
                    "Make the authoritative name servers of " + d + " answer MX queries (check them with "
                            + "'dig +dnssec MX " + d + "' against each one).", null));
            case LISTED -> listed(f, out);
        }
        return out;
    }

    private static void listed(MxFacts f, List<Finding> out) {
        boolean bad = false;
        if (f.nullMxMixed()) {
            bad = true;
            out.add(new Finding("MX_NULL_MIXED", Severity.MEDIUM, "A null MX stands beside other MX records",
                    f.mx().summary() + ": " + mxList(f), "Remove the '" + f.domain() + ". IN MX 0 .' record if the "
                    + "domain receives mail, or the other MX records if it does not (RFC 7505 §3).", null));
        }
        for (MxHost h : f.hosts()) {
            String at = h.host() + ":" + SMTP;
            if (h.ipLiteral()) {
                bad = true;
                out.add(new Finding("MX_TARGET_IP_LITERAL", Severity.HIGH, "An MX record names an address, not a host",
                        "MX " + h.preference() + " " + h.host() + ": RFC 5321 §5.1 requires a host name; most senders "
                                + "look it up as a name and fail", "Publish an A record for a host name (mx." + f.domain()
                                + ". IN A " + h.host() + ") and name that host in the MX record.", at));
            } else if (!h.addresses().exists()) {
                bad = true;
                boolean known = h.addresses().conclusive();
                out.add(new Finding(known ? "MX_TARGET_NO_ADDRESS" : "MX_TARGET_LOOKUP_FAILED",
                        known ? Severity.HIGH : Severity.MEDIUM,
                        known ? "An MX host has no address" : "An MX host's address lookup failed",
                        h.addresses().summary(), "Publish A and/or AAAA records for " + h.host()
                        + ", or remove it from the MX records.", at));
            }
            if (h.alias()) {
                bad = true;
                out.add(new Finding("MX_TARGET_CNAME", Severity.LOW, "An MX record names an alias (CNAME)",
                        h.host() + " is an alias of " + String.join(" -> ", h.aliases())
                                + " (RFC 2181 §10.3 and RFC 5321 §5.1 forbid it; certificate checks use the MX name)",
                        "Name " + h.aliases().getLast() + " in the MX record directly.", at));
            }
        }
        if (f.hostsCapped()) {
            out.add(new Finding("MX_TOO_MANY", Severity.INFO, "Only the first MX hosts were checked",
                    f.mx().records().size() + " MX records; the first " + f.hosts().size() + " hosts were checked", "",
                    null));
        }
        if (!bad) {
            out.add(new Finding("MX_OK", Severity.OK, "MX records name resolvable mail hosts",
                    mxList(f) + "; DNSSEC " + f.mx().dnssec(), "", null));
        }
    }

    private static String mxList(MxFacts f) {
        return f.mx().records().stream().map(r -> r.preference() + " " + r.host()).collect(Collectors.joining(", "));
    }

    /** MTASTS_* findings from the TXT record, the fetch, the policy and MX coverage. */
    public static List<Finding> mtaSts(StsFacts f, List<String> mxHosts) {
        List<Finding> out = new ArrayList<>();
        String d = f.domain();
        String txtName = StsFacts.recordName(d);
        // The id only has to change with each policy change; a timestamp is the usual choice.
        String suggestedRecord = txtName + ". IN TXT \"v=STSv1; id=YYYYMMDDhhmmss\" (letters and digits only)";
        switch (f.record().status()) {
            case NONE -> {
                out.add(new Finding("MTASTS_NONE", Severity.LOW, "No MTA-STS policy",
                        "no TXT record at " + txtName + " begins with v=STSv1"
                                + (f.record().txt() == null ? "" : " (" + f.record().txt().summary() + ")"),
                        "Publish " + suggestedRecord + " and serve this policy at " + PolicyFetch.urlFor(d) + ":\n"
                                + suggestedPolicy(null, mxHosts).toText(), null));
                return out;
            }
            case LOOKUP_FAILED -> out.add(new Finding("MTASTS_LOOKUP_FAILED", Severity.MEDIUM,
                    "The MTA-STS TXT lookup failed", String.join("; ", Problem.messages(f.record().problems(),
                    Problem.Level.ERROR)), "Make the name servers of " + d + " answer TXT queries for " + txtName + ".",
                    null));
            case INVALID -> out.add(new Finding("MTASTS_INVALID", Severity.MEDIUM,
                    "The MTA-STS TXT record is invalid, so senders ignore MTA-STS",
                    "records " + f.record().candidates() + ": " + problems(f.record().problems()),
                    "Publish exactly one record: " + suggestedRecord, null));
            case VALID -> {
                // Judged with the policy below.
            }
        }
        PolicyFetch fetch = f.fetch();
        if (fetch != null && !fetch.ok()) {
            out.add(new Finding("MTASTS_POLICY_UNREACHABLE", Severity.MEDIUM, "The MTA-STS policy cannot be fetched",
                    fetch.status().meaning() + ": " + fetch.detail() + " (" + fetch.url()
                            + (fetch.address() == null ? "" : " at " + fetch.address()) + ", TLS-RPT "
                            + fetch.status().tlsRptResultType() + ")", fetchFix(fetch.status(), d), null));
            return out;
        }
        if (f.policy() == null) {
            return out;
        }
        StsPolicy policy = f.policy().policy();
        String warnings = warnings(f.policy().problems());
        if (!f.policy().valid()) {
            out.add(new Finding("MTASTS_INVALID", Severity.MEDIUM,
                    "The MTA-STS policy file is invalid, so senders ignore it", problems(f.policy().problems()),
                    "Serve this policy at " + fetch.url() + ":\n" + suggestedPolicy(policy, mxHosts).toText(), null));
            return out;
        }
        boolean recordOk = f.record().status() == StsRecordStatus.VALID;
        if (policy.mode() == StsMode.NONE) {
            out.add(new Finding("MTASTS_NONE", Severity.LOW, "The MTA-STS policy is withdrawn (mode: none)",
                    "policy at " + fetch.url() + " says mode: none" + warnings, "Set mode: testing or enforce, and "
                    + "change the id in " + txtName + ".", null));
            return out;
        }
        boolean enforce = policy.mode() == StsMode.ENFORCE;
        boolean allCovered = true;
        for (StsMxCoverage c : f.coverage()) {
            if (!c.covered()) {
                allCovered = false;
                out.add(new Finding("MTASTS_MX_NOT_COVERED", enforce ? Severity.HIGH : Severity.LOW,
                        enforce ? "MTA-STS senders refuse this MX: the policy does not list it"
                                : "The MTA-STS policy does not list this MX (mode testing: reported only)",
                        c.mxHost() + " matches none of the policy's mx patterns " + policy.mx(),
                        "Add 'mx: " + c.mxHost() + "' to the policy (and change the id in " + txtName + ").",
                        c.mxHost() + ":" + SMTP));
            }
        }
        if (!enforce) {
            out.add(new Finding("MTASTS_TESTING", Severity.LOW, "MTA-STS is in testing mode: nothing is enforced",
                    "mode: testing, max_age " + policy.maxAge() + ", mx " + policy.mx() + warnings,
                    "Once TLS-RPT reports show no failures, set mode: enforce and change the id in " + txtName + ".",
                    null));
        } else if (recordOk && allCovered) {
            out.add(new Finding("MTASTS_OK", Severity.OK, "MTA-STS is enforced and covers every MX",
                    "mode: enforce, max_age " + policy.maxAge() + ", mx " + policy.mx() + ", id "
                            + f.record().record().id() + warnings, "", null));
        }
        return out;
    }

    /** MTASTS_ENFORCE_FAILS for each covered MX whose TLS fails what the policy demands. */
    public static List<Finding> mtaStsEnforcement(StsFacts f, List<MxTlsObservation> observed) {
        if (f.policy() == null || !f.policy().valid() || f.policy().policy().mode() == StsMode.NONE) {
            return List.of();
        }
        boolean enforce = f.policy().policy().mode() == StsMode.ENFORCE;
        List<Finding> out = new ArrayList<>();
        for (MxTlsObservation seen : observed) {
            StsMxResult r = StsEvaluator.check(f.policy().policy(), seen);
            if (r.verdict() == StsMxResult.Verdict.FAIL) {
                out.add(new Finding("MTASTS_ENFORCE_FAILS", enforce ? Severity.HIGH : Severity.LOW,
                        enforce ? "This MX fails the enforced MTA-STS policy: senders defer the mail"
                                : "This MX would fail the MTA-STS policy if it were enforced",
                        String.join("; ", r.failures()) + " (TLS-RPT " + r.tlsRptResultType() + ")",
                        "Serve STARTTLS with TLS 1.2 or later and a certificate for " + r.mxHost()
                                + " from a public CA, valid now.", r.mxHost() + ":" + SMTP));
            }
        }
        return out;
    }

    /** DANE_* findings per MX host, or one DANE_NONE when no host publishes TLSA records. */
    public static List<Finding> dane(List<DaneResult> results) {
        List<Finding> out = new ArrayList<>();
        if (results.isEmpty()) {
            return out;
        }
        if (results.stream().allMatch(r -> r.facts().status() == DaneStatus.NONE)) {
            boolean signed = results.stream().allMatch(r -> r.facts().mxDnssec() == DnssecStatus.SECURE
                    && r.facts().addressDnssec() == DnssecStatus.SECURE);
            String detail = results.stream().map(r -> r.facts().reason()).collect(Collectors.joining("; "));
            out.add(new Finding("DANE_NONE", signed ? Severity.LOW : Severity.INFO, "No DANE (TLSA) records",
                    detail, signed ? "Publish TLSA records: " + suggestions(results)
                    : "DANE needs DNSSEC: sign the zones of the domain and its MX hosts, then publish TLSA records.",
                    null));
            return out;
        }
        for (DaneResult r : results) {
            var f = r.facts();
            String at = f.mxHost() + ":" + f.port();
            String publish = r.match() != null && r.match().suggestedRecord() != null
                    ? "Publish " + f.tlsaName() + ". IN TLSA " + r.match().suggestedRecord() + " for the key now served"
                    : "Publish TLSA records for the key this host serves";
            switch (f.status()) {
                case NONE -> out.add(new Finding("DANE_NONE", Severity.LOW, "This MX host has no TLSA records",
                        f.reason(), publish + ", like the other MX hosts.", at));
                case INSECURE -> out.add(new Finding("DANE_INSECURE", Severity.MEDIUM,
                        "TLSA records exist but are not DNSSEC-secure, so senders ignore them", f.reason(),
                        "Sign every zone on the way (the domain's MX, the host's address, the TLSA name) and publish "
                                + "DS records at the parents.", at));
                case BOGUS -> out.add(new Finding("DANE_BOGUS", Severity.HIGH,
                        "DNSSEC validation fails: validating senders defer the mail", f.reason()
                        + (f.tlsa().dnssecReason() == null ? "" : "; " + f.tlsa().dnssecReason()),
                        "Re-sign the zone (expired or wrong signatures, or a DS that matches no DNSKEY).", at));
                case LOOKUP_FAILED -> out.add(new Finding("DANE_TLSA_LOOKUP_FAILED", Severity.HIGH,
                        "The TLSA lookup fails: DANE senders defer the mail", f.reason(),
                        "Make the name servers answer TLSA queries for " + f.tlsaName()
                                + " (NXDOMAIN or NODATA when there are none).", at));
                case UNUSABLE -> out.add(new Finding("DANE_UNUSABLE", Severity.MEDIUM,
                        "No usable TLSA record: DANE senders encrypt but do not authenticate", f.reason(),
                        publish + " (usage 3 DANE-EE or 2 DANE-TA).", at));
                case USABLE -> out.add(usable(r, at, publish));
            }
            List<String> malformed = f.records().stream().filter(t -> t.status() == TlsaRecord.Status.MALFORMED)
                    .map(t -> t.presentation() + ": " + t.reason()).toList();
            if (!malformed.isEmpty() && f.status() == DaneStatus.USABLE) {
                out.add(new Finding("DANE_TLSA_MALFORMED", Severity.LOW, "Some TLSA records are malformed",
                        String.join("; ", malformed), "Remove or correct the malformed records.", at));
            }
        }
        return out;
    }

    private static Finding usable(DaneResult r, String at, String publish) {
        DaneMatch m = r.match();
        if (m == null || m.verdict() == DaneMatch.Verdict.NO_CHAIN) {
            return new Finding("DANE_UNTESTED", Severity.INFO, "TLSA records found, but no certificate to match",
                    r.facts().reason(), "", at);
        }
        if (m.verdict() == DaneMatch.Verdict.MATCH) {
            return new Finding("DANE_OK", Severity.OK, "A TLSA record matches the served certificate chain",
                    m.matched().presentation() + " at depth " + m.depth() + "; " + String.join("; ", m.evidence()), "",
                    at);
        }
        return new Finding("DANE_MISMATCH", Severity.HIGH,
                "No TLSA record matches the served certificate: DANE senders defer the mail",
                String.join("; ", m.evidence()) + " (TLS-RPT validation-failure)",
                publish + ", or serve the certificate the records describe; during a key change publish both.", at);
    }

    private static String suggestions(List<DaneResult> results) {
        return results.stream().map(r -> r.facts().tlsaName() + ". IN TLSA "
                        + (r.match() != null && r.match().suggestedRecord() != null ? r.match().suggestedRecord()
                        : "3 1 1 <SHA-256 of the server's public key>"))
                .collect(Collectors.joining("; "));
    }

    /** TLSRPT_NONE, TLSRPT_INVALID, TLSRPT_LOOKUP_FAILED or TLSRPT_OK. */
    public static List<Finding> tlsRpt(TlsRptFacts f) {
        String name = TlsRptFacts.recordName(f.domain());
        String example = name + ". IN TXT \"v=TLSRPTv1; rua=mailto:tlsrpt@" + f.domain() + "\"";
        return List.of(switch (f.status()) {
            case NONE -> new Finding("TLSRPT_NONE", Severity.LOW, "No TLS reporting (TLS-RPT)",
                    "no TXT record at " + name + " begins with v=TLSRPTv1", "Publish " + example
                    + " to receive daily reports of senders' TLS failures.", null);
            case INVALID -> new Finding("TLSRPT_INVALID", Severity.LOW,
                    "The TLS-RPT record is invalid, so no reports are sent",
                    "records " + f.candidates() + ": " + problems(f.problems()), "Publish exactly one record, e.g. "
                    + example, null);
            case LOOKUP_FAILED -> new Finding("TLSRPT_LOOKUP_FAILED", Severity.INFO, "The TLS-RPT lookup failed",
                    problems(f.problems()), "Make the name servers answer TXT queries for " + name + ".", null);
            case VALID -> new Finding("TLSRPT_OK", Severity.OK, "TLS reports are requested",
                    "reports go to " + f.record().rua().stream().map(URI::toString).toList()
                            + warnings(f.problems()), "", null);
        });
    }

    private static String fetchFix(FetchStatus status, String d) {
        String host = PolicyFetch.hostFor(d);
        return switch (status) {
            case DNS_FAILURE -> "Publish an A/AAAA record for " + host + " and serve the policy there over HTTPS.";
            case CONNECT_FAILED, TIMEOUT -> "Make " + host + " answer HTTPS on port 443.";
            case CERT_UNTRUSTED, CERT_EXPIRED, CERT_NAME_MISMATCH ->
                    "Install a valid certificate for " + host + " from a public CA (senders check it like a browser).";
            case REDIRECT -> "Serve the policy directly at " + PolicyFetch.urlFor(d) + ": senders do not follow redirects.";
            case HTTP_ERROR -> "Serve the policy at " + PolicyFetch.urlFor(d) + " with HTTP status 200.";
            case WRONG_MEDIA_TYPE -> "Serve the policy with Content-Type: text/plain.";
            case TOO_LARGE -> "Keep the policy file under 64 KiB.";
            case TLS_FAILED, MALFORMED_RESPONSE, OK -> "Serve the policy over HTTPS (TLS 1.2 or later) as a plain "
                    + "HTTP/1.1 200 response.";
        };
    }

    /** A corrected policy: what was valid is kept; missing or broken parts get safe defaults. */
    private static StsPolicy suggestedPolicy(StsPolicy seen, List<String> mxHosts) {
        List<String> mx = seen != null && !seen.mx().isEmpty() ? seen.mx() : mxHosts;
        StsMode mode = seen != null && seen.mode() != null ? seen.mode() : StsMode.TESTING;
        Long maxAge = seen != null && seen.maxAge() != null && seen.maxAge() >= 86_400 ? seen.maxAge() : 604_800L;
        return new StsPolicy("STSv1", mode, Math.min(maxAge, StsPolicy.MAX_AGE_LIMIT), mx, java.util.Map.of());
    }


    private static String problems(List<Problem> problems) {
        return problems.stream().map(p -> (p.level() == Problem.Level.ERROR ? "" : "warning: ") + p.message())
                .collect(Collectors.joining("; "));
    }

    private static String warnings(List<Problem> problems) {
        List<String> w = Problem.messages(problems, Problem.Level.WARNING);
        return w.isEmpty() ? "" : "; warnings: " + String.join("; ", w);
    }
}
