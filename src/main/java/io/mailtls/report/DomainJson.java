package io.mailtls.report;

import io.mailtls.dns.MxHost;
import io.mailtls.facts.DomainFacts;
import io.mailtls.policy.Problem;
import io.mailtls.policy.dane.DaneResult;
import io.mailtls.policy.mtasts.StsFacts;
import io.mailtls.policy.mtasts.StsMxResult;
import io.mailtls.policy.tlsrpt.TlsRptFacts;
import java.util.List;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/** The {@code domain} object of the JSON document: mx, mta_sts, dane, tls_rpt. */
final class DomainJson {
    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private DomainJson() {
    }

    static ObjectNode of(DomainFacts d) {
        ObjectNode n = F.objectNode();
        ObjectNode mx = n.putObject("mx");
        mx.put("kind", d.mx().kind().name());
        mx.put("dnssec", d.mx().mx().dnssec().name());
        mx.put("lookup", d.mx().mx().summary());
        ArrayNode hosts = mx.putArray("hosts");
        for (MxHost h : d.mx().hosts()) {
            ObjectNode x = hosts.addObject();
            x.put("preference", h.preference());
            x.put("host", h.host());
            ArrayNode a = x.putArray("addresses");
            h.addresses().all().forEach(ad -> a.add(ad.getHostAddress()));
            x.put("dnssec", h.addresses().dnssec().name());
            if (h.alias()) {
                ArrayNode al = x.putArray("cname");
                h.aliases().forEach(al::add);
            }
        }
        n.set("mta_sts", mtaSts(d.mtaSts(), d.stsResults()));
        ArrayNode dane = n.putArray("dane");
        for (DaneResult r : d.dane()) {
            ObjectNode x = dane.addObject();
            x.put("mx_host", r.facts().mxHost());
            x.put("tlsa_name", r.facts().tlsaName());
            x.put("status", r.facts().status().name());
            x.put("reason", r.facts().reason());
            x.put("mx_dnssec", r.facts().mxDnssec().name());
            x.put("address_dnssec", r.facts().addressDnssec().name());
            x.put("tlsa_dnssec", r.facts().tlsa() == null ? null : r.facts().tlsa().dnssec().name());
            ArrayNode recs = x.putArray("records");
            r.facts().records().forEach(t -> recs.add(t.presentation()));
            x.put("match", r.match().verdict().name());
            x.put("matched", r.match().matched() == null ? null : r.match().matched().presentation());
            x.put("suggested_record", r.match().suggestedRecord());
        }
        n.set("tls_rpt", tlsRpt(d.tlsRpt()));
        return n;
    }

    private static ObjectNode mtaSts(StsFacts s, List<StsMxResult> results) {
        ObjectNode n = F.objectNode();
        n.put("record", s.record() == null ? null : s.record().status().name());
        n.put("record_text", s.record() == null || s.record().candidates().isEmpty() ? null
                : s.record().candidates().getFirst());
        if (s.fetch() != null) {
            ObjectNode f = n.putObject("fetch");
            f.put("url", s.fetch().url());
            f.put("status", s.fetch().status().name());
            f.put("http_status", s.fetch().httpStatus());
            f.put("detail", s.fetch().detail());
        }
        if (s.policy() != null) {
            n.put("policy_valid", s.policy().valid());
            if (s.policy().policy() != null) {
                var p = s.policy().policy();
                n.put("mode", p.mode() == null ? null : p.mode().name().toLowerCase(java.util.Locale.ROOT));
                n.put("max_age", p.maxAge());
                ArrayNode mx = n.putArray("mx_patterns");
                p.mx().forEach(mx::add);
            }
            problems(n, s.policy().problems());
        }
        ArrayNode rs = n.putArray("mx_results");
        for (StsMxResult r : results) {
            ObjectNode x = rs.addObject();
            x.put("mx_host", r.mxHost());
            x.put("pattern", r.matchedPattern());
            x.put("verdict", r.verdict().name());
            x.put("tls_rpt", r.tlsRptResultType());
            ArrayNode f = x.putArray("failures");
            r.failures().forEach(f::add);
        }
        return n;
    }

    private static ObjectNode tlsRpt(TlsRptFacts t) {
        ObjectNode n = F.objectNode();
        n.put("status", t.status().name());
        n.put("record", t.candidates().isEmpty() ? null : t.candidates().getFirst());
        if (t.record() != null) {
            ArrayNode rua = n.putArray("rua");
            t.record().rua().forEach(u -> rua.add(u.toString()));
        }
        problems(n, t.problems());
        return n;
    }

    private static void problems(ObjectNode n, List<Problem> problems) {
        ArrayNode a = n.putArray("problems");
        for (Problem p : problems) {
            a.add(p.level().name() + ": " + p.message());
        }
    }
}
