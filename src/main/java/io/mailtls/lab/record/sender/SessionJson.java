package io.mailtls.lab.record.sender;

import java.util.List;
import java.util.Locale;
import java.util.function.IntFunction;

import io.mailtls.lab.SessionRecord;
import io.mailtls.lab.record.ClientConduct;
import io.mailtls.lab.record.HandshakeFailure;
import io.mailtls.lab.record.MailTransaction;
import io.mailtls.lab.record.Printable;
import io.mailtls.lab.record.sender.SenderVerdict.CertificateTest;
import io.mailtls.tls.registry.CipherSuites;
import io.mailtls.tls.registry.NamedGroups;
import io.mailtls.tls.registry.ProtocolVersion;
import io.mailtls.tls.registry.SignatureSchemes;
import io.mailtls.tls.wire.ClientHelloInfo;
import io.mailtls.tls.wire.ClientHelloParse;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The JSON Lines objects of {@code mailtls lab --record}: one {@value #SESSION_SCHEMA} object per
 * session and one {@value #SENDER_SCHEMA} object per judged sender. Names follow the contract
 * (IANA suite names, {@code TLSv1.0} ... {@code TLSv1.3}, ISO-8601 UTC times); every list is cut at
 * {@value #MAX_LIST} entries with the rest counted in {@code <name>_omitted}.
 */
public final class SessionJson {

    /** The schema of a session line. */
    public static final String SESSION_SCHEMA = "mailtls.lab.session/1";
    /** The schema of a sender verdict line. */
    public static final String SENDER_SCHEMA = "mailtls.lab.sender/1";
    /** The schema of the line that says the file reached its limit. */
    public static final String LIMIT_SCHEMA = "mailtls.lab.limit/1";
    /** The longest list written; a ClientHello may carry thousands of suites. */
    public static final int MAX_LIST = 128;
    /** The longest client-supplied string written (SNI, ALPN names, end text). */
    public static final int MAX_TEXT = 300;

    static final JsonMapper MAPPER = JsonMapper.builder().build();

    private SessionJson() {
    }

    /**
     * One session: who, when, EHLO, STARTTLS, the ClientHello as offered, the TLS outcome, on a
     * certificate fault whether the client carried on ({@code bad_certificate}), the mail.
     */
    public static ObjectNode session(SessionRecord s) {
        ClientConduct c = s.conduct();
        ObjectNode n = MAPPER.createObjectNode();
        n.put("schema", SESSION_SCHEMA);
        n.put("scenario", s.scenario().id());
        n.put("session", s.number());
        ObjectNode client = n.putObject("client");
        client.put("address", s.client().getAddress().getHostAddress());
        client.put("port", s.client().getPort());
        n.put("time", s.started().toString());
        n.put("duration_ms", s.duration().toMillis());
        n.put("ehlo", c.heloName());
        n.put("starttls", c.startTls());
        if (c.clientHello() == null) {
            n.putNull("client_hello");
        } else {
            n.set("client_hello", clientHello(c.clientHello(), c.clientHelloBytes()));
        }
        if (s.tls()) {
            ObjectNode tls = n.putObject("tls");
            tls.put("protocol", SenderVerdicts.protocolName(s.tlsProtocol()));
            tls.put("cipher", s.tlsCipher());
            strings(n, "after_tls", SenderVerdicts.afterTls(s));
        } else {
            n.putNull("tls");
        }
        HandshakeFailure failure = c.handshakeFailure();
        if (failure == null) {
            n.putNull("handshake_failure");
        } else {
            ObjectNode f = n.putObject("handshake_failure");
            f.put("kind", failure.kind().name().toLowerCase(Locale.ROOT));
            f.put("alert", failure.alert());
            f.put("detail", failure.detail());
        }
        if (SenderVerdicts.CERTIFICATE_FAULTS.contains(s.scenario().plan().credential())) {
            SenderVerdicts.certificateTest(s.scenario(), List.of(s)).ifPresent(test -> {
                ObjectNode bad = n.putObject("bad_certificate");
                bad.put("carried_on", test.carriedOn());
                bad.put("how", test.how());
            });
        }
        ArrayNode mail = n.putArray("mail");
        for (MailTransaction m : c.mail()) {
            ObjectNode t = mail.addObject();
            t.put("from", m.mailFrom());
            t.put("rcpt", m.recipients());
            if (m.delivered()) {
                t.put("size", m.size());
            } else {
                t.putNull("size");
            }
            t.put("tls", m.overTls());
        }
        if (c.mailOmitted() > 0) {
            n.put("mail_omitted", c.mailOmitted());
        }
        strings(n, "commands", s.commands());
        n.put("end", Printable.of(s.end(), MAX_TEXT));
        return n;
    }

    /** One sender's verdict, with its evidence. */
    public static ObjectNode verdict(SenderVerdict v) {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("schema", SENDER_SCHEMA);
        ObjectNode sender = n.putObject("sender");
        sender.put("address", v.sender().address());
        sender.put("ehlo", v.sender().heloName());
        n.put("sessions", v.sessions());
        n.put("tls", token(v.tls().name()));
        strings(n, "fallbacks", v.fallbacks());
        strings(n, "skipped_offer", v.skippedOffer());
        strings(n, "held_back", v.heldBack());
        n.put("certificates", token(v.certificates().name()));
        ArrayNode tests = n.putArray("certificate_tests");
        for (CertificateTest t : v.certificateTests()) {
            ObjectNode test = tests.addObject();
            test.put("scenario", t.scenario());
            test.put("carried_on", t.carriedOn());
            test.put("how", t.how());
        }
        n.put("rejects_good_certificate", v.rejectsGood());
        strings(n, "weak_offers", v.weakOffers());
        strings(n, "negotiated", v.negotiated());
        ObjectNode messages = n.putObject("messages");
        messages.put("tls", v.messagesOverTls());
        messages.put("plaintext", v.messagesInPlaintext());
        n.put("verdict", v.text());
        return n;
    }

    /** The line written once when the file reaches its limit. */
    public static ObjectNode limit(String reason) {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("schema", LIMIT_SCHEMA);
        n.put("reason", reason);
        return n;
    }

    /** One JSON line (no line break). */
    public static String line(ObjectNode node) {
        return MAPPER.writeValueAsString(node);
    }

    private static ObjectNode clientHello(ClientHelloParse parse, int bytes) {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("bytes", bytes);
        switch (parse) {
            case ClientHelloParse.Parsed parsed -> {
                ClientHelloInfo h = parsed.hello();
                n.put("record_version", ProtocolVersion.nameOf(h.recordVersion()));
                n.put("legacy_version", ProtocolVersion.nameOf(h.legacyVersion()));
                names(n, "supported_versions", h.supportedVersions(), ProtocolVersion::nameOf);
                strings(n, "versions", WeakOffers.explicitVersions(h).stream()
                        .sorted(java.util.Comparator.reverseOrder()).map(ProtocolVersion::displayName).toList());
                names(n, "cipher_suites", h.cipherSuites(), CipherSuites::nameOf);
                names(n, "groups", h.supportedGroups(), NamedGroups::nameOf);
                names(n, "key_shares", h.keyShareGroups(), NamedGroups::nameOf);
                n.put("sni", h.serverName().map(name -> Printable.of(name, MAX_TEXT)).orElse(null));
                names(n, "signature_algorithms", h.signatureAlgorithms(), SignatureSchemes::nameOf);
                strings(n, "alpn", h.alpn().stream().map(p -> Printable.of(p, MAX_TEXT)).toList());
                names(n, "compression_methods", h.compressionMethods(), String::valueOf);
                names(n, "extensions", h.extensionTypes(), String::valueOf);
            }
            case ClientHelloParse.Malformed malformed -> {
                n.put("malformed", Printable.of(malformed.reason(), MAX_TEXT));
                n.put("evidence", malformed.evidence());
            }
            case ClientHelloParse.Incomplete ignored -> n.put("malformed", "incomplete ClientHello");
        }
        return n;
    }

    private static void names(ObjectNode n, String field, List<Integer> codes, IntFunction<String> name) {
        strings(n, field, codes.stream().limit(MAX_LIST).map(name::apply).toList());
        if (codes.size() > MAX_LIST) {
            n.put(field + "_omitted", codes.size() - MAX_LIST);
        }
    }

    private static void strings(ObjectNode n, String field, List<String> values) {
        ArrayNode array = n.putArray(field);
        values.stream().limit(MAX_LIST).forEach(array::add);
        if (values.size() > MAX_LIST) {
            n.put(field + "_omitted", values.size() - MAX_LIST);
        }
    }

    private static String token(String enumName) {
        return enumName.toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
