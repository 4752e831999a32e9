package io.mailtls.report;

import io.mailtls.audit.CheckReport;
import io.mailtls.audit.EndpointReport;
import io.mailtls.cert.CertificateFacts;
import io.mailtls.cert.CertificateInfo;
import io.mailtls.check.Finding;
import io.mailtls.delivery.DeliveryVerdict;
import io.mailtls.facts.EndpointFacts;
import io.mailtls.smtp.Reply;
import io.mailtls.smtp.SmtpFacts;
import io.mailtls.smtp.TranscriptLine;
import io.mailtls.tls.jsse.TlsSessionFacts;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** Writes the {@code mailtls.check/1} JSON document of the contract. */
public final class JsonReport {
    /** The schema name every document carries. */
    public static final String SCHEMA = "mailtls.check/1";
    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    private JsonReport() {
    }

    /** The document, pretty-printed. */
    public static String pretty(CheckReport r, boolean transcript) {
        return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(tree(r, transcript));
    }

    /** The document on one line (for JSON Lines). */
    public static String line(CheckReport r, boolean transcript) {
        return MAPPER.writeValueAsString(tree(r, transcript));
    }

    /** The document as a tree. */
    public static ObjectNode tree(CheckReport r, boolean transcript) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("schema", SCHEMA);
        root.put("target", r.target());
        root.put("started_at", r.startedAt().toString());
        root.put("duration_ms", r.millis());
        root.put("outcome", r.outcome().name());
        root.put("exit_code", r.exitCode());
        ArrayNode findings = root.putArray("findings");
        r.findings().forEach(f -> findings.add(finding(f)));
        ArrayNode eps = root.putArray("endpoints");
        r.endpoints().forEach(e -> eps.add(endpoint(e, transcript)));
        if (r.domain() != null) {
            root.set("domain", DomainJson.of(r.domain()));
        }
        ArrayNode delivery = root.putArray("delivery");
        for (DeliveryVerdict d : r.delivery()) {
            ObjectNode n = delivery.addObject();
            n.put("sender", d.sender());
            n.put("outcome", d.outcome());
            n.put("tls_rpt", d.tlsRpt());
            n.put("explanation", d.explanation());
        }
        return root;
    }

    static ObjectNode finding(Finding f) {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("id", f.id());
        n.put("severity", f.severity().name());
        n.put("title", f.title());
        n.put("detail", f.detail());
        n.put("fix", f.fix());
        n.put("endpoint", f.endpoint());
        return n;
    }

    private static ObjectNode endpoint(EndpointReport r, boolean withTranscript) {
        EndpointFacts f = r.facts();
        ObjectNode n = MAPPER.createObjectNode();
        n.put("host", f.endpoint().host());
        n.put("address", f.endpoint().addressText());
        n.put("port", f.endpoint().port());
        n.put("mode", f.endpoint().mode() == io.mailtls.net.Mode.IMPLICIT_TLS ? "implicit-tls" : "starttls");
        if (f.endpoint().mxPreference() == null) {
            n.putNull("mx_preference");
        } else {
            n.put("mx_preference", f.endpoint().mxPreference());
        }
        n.put("outcome", r.verdict().outcome().name());
        n.put("expected_name", f.expectedName());
        if (withTranscript) {
            ArrayNode t = n.putArray("transcript");
            for (TranscriptLine l : f.transcript()) {
                ObjectNode x = t.addObject();
                x.put("at_ms", l.atMs());
                x.put("from", l.from().json());
                x.put("text", l.text());
            }
        }
        n.set("smtp", smtp(f.smtp()));
        n.set("tls", tls(f.tls()));
        n.set("certificate", certificate(f.certificate()));
        if (f.probe() != null || f.smtpProbes() != null) {
            n.set("probe", probe(f.probe(), f.smtpProbes()));
        }
        return n;
    }

    private static ObjectNode probe(io.mailtls.tls.probe.TlsProfile p, io.mailtls.smtp.SmtpProbeFacts s) {
        ObjectNode n = MAPPER.createObjectNode();
        if (p != null) {
            ObjectNode protocols = n.putObject("protocols");
            p.protocols().forEach((k, v) -> {
                if (v == null) {
                    protocols.putNull(k);
                } else {
                    protocols.put(k, v);
                }
            });
            ObjectNode ciphers = n.putObject("ciphers");
            p.ciphers().forEach((k, v) -> {
                ArrayNode a = ciphers.putArray(k);
                v.forEach(a::add);
            });
            n.put("server_order", p.serverOrder());
            ArrayNode groups = n.putArray("groups");
            p.groups().forEach(groups::add);
            n.put("dh_bits", p.dhBits());
            n.put("secure_renegotiation", p.secureRenegotiation());
            n.put("compression", p.compression());
            n.put("heartbeat", p.heartbeat());
            n.put("elapsed_ms", p.elapsedMillis());
            ArrayNode inc = n.putArray("inconclusive");
            p.inconclusive().forEach(inc::add);
            ArrayNode anomalies = n.putArray("anomalies");
            p.anomalies().forEach(anomalies::add);
        }
        int connections = (p == null ? 0 : p.connections()) + (s == null ? 0 : s.connections());
        n.put("connections", connections);
        if (s != null) {
            ObjectNode smtp = n.putObject("smtp");
            smtp.put("starttls_injection", s.injectionVulnerable());
            smtp.put("starttls_injection_evidence", s.injectionEvidence());
            smtp.put("starttls_required", s.requiresTls());
            smtp.put("starttls_required_evidence", s.requireEvidence());
        }
        return n;
    }

    private static ObjectNode smtp(SmtpFacts s) {
        if (s == null) {
            return null;
        }
        ObjectNode n = MAPPER.createObjectNode();
        n.put("greeting", s.greeting() == null ? null : String.join("\n", s.greeting().wireLines()));
        n.put("greeting_ms", s.greeting() == null ? null : s.greetingMs());
        lines(n, "ehlo", s.ehlo());
        if (s.helo() != null) {
            lines(n, "helo", s.helo());
        }
        lines(n, "ehlo_after_tls", s.ehloAfterTls());
        n.put("starttls_offered", s.starttlsOffered());
        n.put("starttls_reply", s.starttlsReply() == null ? null : s.starttlsReply().firstLine());
        if (s.bytesAfterStarttls() != null) {
            n.put("bytes_after_starttls", s.bytesAfterStarttls());
        }
        return n;
    }

    private static void lines(ObjectNode n, String key, Reply r) {
        if (r == null) {
            n.putNull(key);
            return;
        }
        ArrayNode a = n.putArray(key);
        r.wireLines().forEach(a::add);
    }

    private static ObjectNode tls(TlsSessionFacts t) {
        if (t == null) {
            return null;
        }
        ObjectNode n = MAPPER.createObjectNode();
        n.put("protocol", t.protocol());
        n.put("cipher", t.cipher());
        n.put("group", t.group());
        if (t.dhBits() != null) {
            n.put("dh_bits", t.dhBits());
        }
        n.put("handshake_ms", t.handshakeMs());
        return n;
    }

    private static ObjectNode certificate(CertificateFacts c) {
        if (c == null) {
            return null;
        }
        ObjectNode n = MAPPER.createObjectNode();
        ArrayNode chain = n.putArray("chain");
        for (CertificateInfo i : c.chain()) {
            ObjectNode x = chain.addObject();
            x.put("subject", i.subject());
            x.put("issuer", i.issuer());
            x.put("not_before", i.notBefore().toString());
            x.put("not_after", i.notAfter().toString());
            ArrayNode san = x.putArray("san");
            i.san().forEach(san::add);
            x.put("key", i.key());
            x.put("signature", i.signature());
            x.put("sha256", i.sha256());
        }
        n.put("trusted", c.validation().trusted());
        n.put("name_matches", c.nameMatches());
        return n;
    }
}
