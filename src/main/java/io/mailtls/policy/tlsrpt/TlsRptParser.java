package io.mailtls.policy.tlsrpt;

import io.mailtls.dns.DnsAnswer;
import io.mailtls.dns.DnsClient;
import io.mailtls.dns.DnsNames;
import io.mailtls.dns.TxtRecord;
import io.mailtls.policy.HostPatterns;
import io.mailtls.policy.Problem;
import io.mailtls.policy.TagRecord;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Finds and parses a domain's TLS-RPT record (RFC 8460 §3), collecting every problem. */
public final class TlsRptParser {
    static final String VERSION = "v=TLSRPTv1";

    private TlsRptParser() {
    }

    /** Looks up {@code _smtp._tls.DOMAIN} and judges what it finds. */
    public static TlsRptFacts lookup(DnsClient dns, String domain) {
        String name = DnsNames.display(domain);
        DnsAnswer<TxtRecord> txt = dns.txt(TlsRptFacts.recordName(name));
        if (!txt.outcome().conclusive()) {
            return new TlsRptFacts(name, txt, TlsRptStatus.LOOKUP_FAILED, List.of(), null,
                    List.of(Problem.error("the TXT lookup failed: " + txt.summary())));
        }
        TlsRptFacts facts = evaluate(name, txt.records());
        return new TlsRptFacts(name, txt, facts.status(), facts.candidates(), facts.record(), facts.problems());
    }

    /**
     * Judges the TXT records found at {@code _smtp._tls.DOMAIN}: those not starting with
     * {@code v=TLSRPTv1} are discarded; exactly one must remain and parse.
     */
    public static TlsRptFacts evaluate(String domain, List<TxtRecord> records) {
        List<TxtRecord> candidates = records.stream().filter(r -> r.text().startsWith(VERSION)).toList();
        List<TxtRecord> nearMisses = records.stream()
                .filter(r -> !r.text().startsWith(VERSION) && r.text().toLowerCase(Locale.ROOT).startsWith("v=tlsrpt"))
                .toList();
        List<Problem> problems = new ArrayList<>();
        if (candidates.isEmpty()) {
            if (nearMisses.isEmpty()) {
                return new TlsRptFacts(domain, null, TlsRptStatus.NONE, List.of(), null, List.of());
            }
            for (TxtRecord r : nearMisses) {
                problems.add(Problem.error("record '" + TagRecord.clip(r.display())
                        + "' must begin with exactly '" + VERSION + "' (case-sensitive), so reporters ignore it"));
            }
            return new TlsRptFacts(domain, null, TlsRptStatus.INVALID, display(nearMisses), null, problems);
        }
        if (candidates.size() > 1) {
            problems.add(Problem.error(candidates.size() + " records begin with '" + VERSION
                    + "'; with more than one, reporters assume the domain wants no reports (RFC 8460 §3)"));
            return new TlsRptFacts(domain, null, TlsRptStatus.INVALID, display(candidates), null, problems);
        }
        TxtRecord only = candidates.getFirst();
        if (only.oversized()) {
            problems.add(Problem.error("the record is " + only.octets() + " octets long, over the "
                    + TxtRecord.MAX_OCTETS + " this tool reads"));
            return new TlsRptFacts(domain, null, TlsRptStatus.INVALID, display(candidates), null, problems);
        }
        TlsRptRecord record = parse(only.text(), problems);
        boolean valid = !Problem.anyError(problems);
        return new TlsRptFacts(domain, null, valid ? TlsRptStatus.VALID : TlsRptStatus.INVALID, display(candidates),
                valid ? record : null, problems);
    }

    private static List<String> display(List<TxtRecord> records) {
        return records.stream().map(TxtRecord::display).toList();
    }

    /** Parses one record's text, adding every problem to {@code problems}; returns what could be read. */
    public static TlsRptRecord parse(String text, List<Problem> problems) {
        TagRecord tags = TagRecord.parse(text, VERSION);
        problems.addAll(tags.problems());
        List<URI> rua = new ArrayList<>();
        Map<String, String> extensions = new LinkedHashMap<>();
        boolean sawRua = false;
        for (TagRecord.Field field : tags.fields()) {
            if (field.name().equals("rua")) {
                if (sawRua) {
                    problems.add(Problem.warning("'rua' appears more than once; reporters may use only the first"));
                    continue;
                }
                sawRua = true;
                rua.addAll(parseRua(field.value(), problems));
            } else {
                if (field.name().equalsIgnoreCase("rua") || field.name().equalsIgnoreCase("v")) {
                    problems.add(Problem.warning("field '" + field.name() + "' is not '"
                            + field.name().toLowerCase(Locale.ROOT) + "': names are case-sensitive"));
                } else {
                    problems.add(Problem.warning("unknown field '" + field.name() + "' is ignored"));
                }
                TagRecord.checkExtension(field, problems);
                extensions.put(field.name(), field.value());
            }
        }
        boolean unreadable = tags.fields().isEmpty() && !tags.problems().isEmpty();
        if (!sawRua && !unreadable) {
            problems.add(Problem.error("the required 'rua' field is missing"));
        }
        return new TlsRptRecord(rua, extensions);
    }

    /** {@code tlsrpt-uri *(*WSP "," *WSP tlsrpt-uri)}: only mailto and https are usable. */
    private static List<URI> parseRua(String value, List<Problem> problems) {
        List<URI> usable = new ArrayList<>();
        List<String> unsupported = new ArrayList<>();
        String[] parts = value.split(",", -1);
        for (int i = 0; i < parts.length; i++) {
            String raw = TagRecord.stripWsp(parts[i]);
            if (raw.isEmpty()) {
                if (i != parts.length - 1 || parts.length == 1) {
                    problems.add(Problem.error("'rua' has an empty destination"));
                } else {
                    problems.add(Problem.warning("'rua' ends with a ',' that the grammar does not allow"));
                }
                continue;
            }
            URI uri = checkUri(raw, problems);
            if (uri == null) {
                continue;
            }
            String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
            if (scheme.equals("mailto") || scheme.equals("https")) {
                usable.add(uri);
            } else {
                unsupported.add(raw);
            }
        }
        for (String raw : unsupported) {
            String message = "destination '" + TagRecord.clip(raw) + "' uses a scheme reporters do not support "
                    + "(only mailto: and https:)";
            problems.add(usable.isEmpty() ? Problem.error(message) : Problem.warning(message));
        }
        return usable;
    }

    private static URI checkUri(String raw, List<Problem> problems) {
        if (raw.indexOf('!') >= 0) {
            problems.add(Problem.error("destination '" + TagRecord.clip(raw)
                    + "' contains '!', which must be percent-encoded (RFC 8460 §3)"));
            return null;
        }
        URI uri;
        try {
            uri = new URI(raw);
        } catch (URISyntaxException e) {
            problems.add(Problem.error("destination '" + TagRecord.clip(raw) + "' is not a URI: " + e.getReason()));
            return null;
        }
        if (uri.getScheme() == null) {
            problems.add(Problem.error("destination '" + TagRecord.clip(raw) + "' has no scheme (mailto: or https:)"));
            return null;
        }
        switch (uri.getScheme().toLowerCase(Locale.ROOT)) {
            case "mailto" -> {
                String address = uri.getSchemeSpecificPart();
                int q = address.indexOf('?');
                address = q >= 0 ? address.substring(0, q) : address;
                int at = address.lastIndexOf('@');
                if (at <= 0 || !HostPatterns.isDomain(address.substring(at + 1))) {
                    problems.add(Problem.error("destination '" + TagRecord.clip(raw)
                            + "' is not mailto:local-part@domain"));
                    return null;
                }
            }
            case "https" -> {
                if (uri.getHost() == null || !HostPatterns.isDomain(HostPatterns.normalize(uri.getHost()))) {
                    problems.add(Problem.error("destination '" + TagRecord.clip(raw) + "' has no valid host name"));
                    return null;
                }
            }
            default -> {
                // Judged by the caller: unsupported unless no usable destination remains.
            }
        }
        return uri;
    }
}
