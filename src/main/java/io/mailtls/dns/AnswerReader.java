package io.mailtls.dns;

import java.net.SocketTimeoutException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeoutException;
import org.xbill.DNS.CNAMERecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.EDNSOption;
import org.xbill.DNS.ExtendedErrorCodeOption;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.OPTRecord;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.RRSIGRecord;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.Type;
import org.xbill.DNS.WireParseException;
import org.xbill.DNS.dnssec.ValidatingResolver;

/** Turns one query's responses into a classified step of a lookup. */
final class AnswerReader {
    private static final int MAX_CHAIN = 8;

    private AnswerReader() {
    }

    /**
     * One response read: either a failure outcome, or the DNSSEC status, the CNAMEs followed inside
     * the response, the name the chain ended at, and that name's records of the asked type.
     */
    record Hop(DnsOutcome failure, String rcode, String error, DnssecStatus status, String reason,
               List<String> aliases, Name end, List<Record> records, boolean nxdomain) {
        static Hop failed(DnsOutcome outcome, String rcode, String error) {
            return new Hop(outcome, rcode, error, DnssecStatus.INDETERMINATE, null, List.of(), null, List.of(), false);
        }
    }

    static Hop read(ValidatingDnsClient.Exchange ex, Name asked, int type) {
        Message validated = ex.validated();
        Message server = ex.raw() != null ? ex.raw() : validated;
        if (server == null) {
            return Hop.failed(classify(ex.failure()), null, describe(ex.failure()));
        }
        int rc = server.getRcode();
        String rcode = Rcode.string(rc);
        if (rc != Rcode.NOERROR && rc != Rcode.NXDOMAIN) {
            DnsOutcome outcome = rc == Rcode.SERVFAIL ? DnsOutcome.SERVFAIL
                    : rc == Rcode.REFUSED ? DnsOutcome.REFUSED : DnsOutcome.OTHER_RCODE;
            return Hop.failed(outcome, rcode, "server answered " + rcode);
        }
        DnssecStatus status;
        String reason;
        Message data;
        if (ex.failure() != null) {
            // The server answered, but fetching the keys to judge the answer failed.
            status = DnssecStatus.INDETERMINATE;
            reason = "validation did not finish: " + describe(ex.failure());
            data = server;
        } else if (ex.validatorFailed()) {
            status = DnssecStatus.BOGUS;
            reason = join(validatorReason(validated), signatureHint(server, type, Instant.now()));
            data = server;
        } else if (ex.secure()) {
            status = DnssecStatus.SECURE;
            reason = null;
            data = validated;
        } else {
            status = DnssecStatus.INSECURE;
            reason = validatorReason(validated);
            data = validated;
        }
        List<Record> answer = data.getSection(Section.ANSWER);
        Name at = asked;
        List<String> aliases = new ArrayList<>();
        while (type != Type.CNAME && aliases.size() <= MAX_CHAIN) {
            Name next = cnameTarget(answer, at);
            if (next == null) {
                break;
            }
            aliases.add(DnsNames.display(next));
            at = next;
        }
        Name end = at;
        List<Record> records = answer.stream()
                .filter(r -> r.getType() == type && r.getDClass() == DClass.IN && r.getName().equals(end))
                .toList();
        return new Hop(null, rcode, null, status, reason, aliases, end, records, rc == Rcode.NXDOMAIN);
    }

    private static Name cnameTarget(List<Record> answer, Name owner) {
        for (Record r : answer) {
            if (r instanceof CNAMERecord c && r.getDClass() == DClass.IN && r.getName().equals(owner)) {
                return c.getTarget();
            }
        }
        return null;
    }

    /** The validator's reason (it adds a TXT record of a private class) and its extended DNS error code. */
    static String validatorReason(Message m) {
        String text = null;
        for (Record r : m.getSection(Section.ADDITIONAL)) {
            if (r instanceof TXTRecord t && r.getDClass() == ValidatingResolver.VALIDATION_REASON_QCLASS) {
                text = String.join("", t.getStrings());
            }
        }
        String ede = null;
        OPTRecord opt = m.getOPT();
        if (opt != null) {
            for (EDNSOption o : opt.getOptions(EDNSOption.Code.EDNS_EXTENDED_ERROR)) {
                if (o instanceof ExtendedErrorCodeOption e) {
                    ede = "EDE " + e.getErrorCode() + " " + ExtendedErrorCodeOption.text(e.getErrorCode());
                    if (text == null) {
                        text = e.getText();
                    }
                }
            }
        }
        if (text == null) {
            return ede;
        }
        return ede == null ? text : text + " [" + ede + "]";
    }

    /**
     * What the served signatures themselves show, because the validator's reason often names only
     * the step that failed ("keyset not secured"), not the cause an admin can fix (an expired RRSIG).
     */
    static String signatureHint(Message raw, int type, Instant now) {
        List<Record> answer = raw.getSection(Section.ANSWER);
        boolean hasData = false;
        boolean signed = false;
        for (Record r : answer) {
            if (r instanceof RRSIGRecord sig) {
                signed = true;
                String covered = Type.string(sig.getTypeCovered());
                if (sig.getExpire().isBefore(now)) {
                    return "the RRSIG over " + covered + " expired " + sig.getExpire();
                }
                if (sig.getTimeSigned().isAfter(now)) {
                    return "the RRSIG over " + covered + " is not valid before " + sig.getTimeSigned();
                }
            } else if (r.getType() == type) {
                hasData = true;
            }
        }
        return hasData && !signed ? "the answer carries no RRSIG" : null;
    }

    private static String join(String a, String b) {
        if (a == null) {
            return b;
        }
        return b == null ? a : a + "; " + b;
    }

    static TxtRecord txt(TXTRecord r) {
        var text = new StringBuilder();
        int octets = 0;
        int strings = 0;
        for (byte[] s : r.getStringsAsByteArrays()) {
            strings++;
            octets += s.length;
            for (int i = 0; i < s.length && text.length() < TxtRecord.MAX_OCTETS; i++) {
                text.append((char) (s[i] & 0xff));
            }
        }
        return new TxtRecord(text.toString(), octets, strings);
    }

    static DnsOutcome classify(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof TimeoutException || t instanceof SocketTimeoutException) {
                return DnsOutcome.TIMEOUT;
            }
            if (t instanceof WireParseException) {
                return DnsOutcome.MALFORMED;
            }
        }
        return DnsOutcome.NETWORK_ERROR;
    }

    static String describe(Throwable failure) {
        if (failure == null) {
            return "no response";
        }
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage();
        return root.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }
}
