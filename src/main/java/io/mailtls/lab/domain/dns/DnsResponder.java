package io.mailtls.lab.domain.dns;

import java.io.IOException;
import java.util.HashSet;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xbill.DNS.DClass;
import org.xbill.DNS.ExtendedFlags;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Header;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.OPTRecord;
import org.xbill.DNS.Opcode;
import org.xbill.DNS.RRset;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/**
 * Turns one query into one authoritative response: the data, or NXDOMAIN/NODATA with the SOA and,
 * for a DNSSEC-aware query (DO bit) in the signed zone, the RRSIGs and the NSEC records that prove
 * the denial (RFC 4035 §3.1.3). Never throws: a query it cannot parse gets FORMERR or no answer.
 */
final class DnsResponder {

    /** Queries longer than this are not parsed: a real query is a few dozen bytes. */
    static final int MAX_QUERY = 4096;
    /** The UDP size the lab offers in EDNS: DNS flag day 2020's value, safe from IP fragmentation. */
    static final int EDNS_UDP_SIZE = 1232;
    /** Without EDNS a UDP response may not exceed this (RFC 1035 §4.2.1). */
    static final int PLAIN_UDP_SIZE = 512;
    /** The largest message TCP's two-byte length prefix can carry. */
    static final int MAX_TCP_SIZE = 65_535;

    private static final Logger LOG = LoggerFactory.getLogger(DnsResponder.class);

    private final ZoneTable zones;
    private final ZoneSigner signer;

    DnsResponder(ZoneTable zones, ZoneSigner signer) {
        this.zones = zones;
        this.signer = signer;
    }

    /**
     * The wire response to {@code query} (the first {@code length} bytes), or null when the bytes
     * do not even carry a query header to answer. Over UDP a response larger than the client's
     * size is replaced by an empty one with TC set, so the client retries over TCP.
     */
    byte[] respond(byte[] query, int length, boolean udp) {
        if (length < Header.LENGTH || length > MAX_QUERY) {
            return null;
        }
        byte[] bytes = length == query.length ? query : java.util.Arrays.copyOf(query, length);
        Message request;
        try {
            request = new Message(bytes);
        } catch (IOException | RuntimeException e) {
            return formErr(bytes);
        }
        if (request.getHeader().getFlag(Flags.QR)) {
            return null; // a response sent to us: answering could start a loop between two servers
        }
        Message response;
        try {
            response = answer(request);
        } catch (RuntimeException e) {
            LOG.warn("lab DNS failed to answer {}", request.getQuestion(), e);
            response = reply(request, Rcode.SERVFAIL);
        }
        byte[] wire = response.toWire();
        int limit = udp ? udpLimit(request) : MAX_TCP_SIZE;
        if (wire.length > limit) {
            return udp ? truncated(request).toWire() : reply(request, Rcode.SERVFAIL).toWire();
        }
        return wire;
    }

    private Message answer(Message request) {
        if (request.getHeader().getOpcode() != Opcode.QUERY) {
            return reply(request, Rcode.NOTIMP);
        }
        if (request.getSection(Section.QUESTION).size() != 1 || request.getHeader().getCount(Section.ANSWER) != 0) {
            return reply(request, Rcode.FORMERR);
        }
        Record question = request.getQuestion();
        int type = question.getType();
        if (question.getDClass() != DClass.IN || type == Type.AXFR || type == Type.IXFR || type == Type.ANY) {
            return reply(request, Rcode.REFUSED);
        }
        Name name = question.getName().canonicalize();
        Zone zone = zones.zoneFor(name, type);
        if (zone == null) {
            return reply(request, Rcode.REFUSED);
        }
        Message response = reply(request, Rcode.NOERROR);
        response.getHeader().setFlag(Flags.AA);
        Proof proof = new Proof(response, zone, dnssecOk(request) && zone.signed(), zones.signing(name));
        RRset data = zone.rrset(name, type);
        if (data != null) {
            proof.add(data, Section.ANSWER);
        } else if (zone.rrset(name, Type.CNAME) != null && type != Type.CNAME) {
            proof.add(zone.rrset(name, Type.CNAME), Section.ANSWER);
        } else if (zone.holds(name)) {
            proof.soa();
            proof.nsec(name);
        } else if (zone.emptyNonTerminal(name)) {
            proof.soa();
            proof.nsec(zone.nsecOwnerFor(name));
        } else {
            response.getHeader().setRcode(Rcode.NXDOMAIN);
            proof.soa();
            proof.nsec(zone.nsecOwnerFor(name));
            proof.nsec(zone.nsecOwnerFor(wildcard(zone.closestEncloser(name))));
        }
        return response;
    }

    /** Adds RRsets with their signatures when the client asked for DNSSEC, each NSEC owner once. */
    private final class Proof {
        private final Message message;
        private final Zone zone;
        private final boolean dnssec;
        private final ZoneSigner.Mode mode;
        private final Set<Name> nsecOwners = new HashSet<>();

        Proof(Message message, Zone zone, boolean dnssec, ZoneSigner.Mode mode) {
            this.message = message;
            this.zone = zone;
            this.dnssec = dnssec;
            this.mode = mode;
        }

        void add(RRset set, int section) {
            // rrs(false): the cycling variant moves a shared, unsynchronised position on every call.
            for (Record r : set.rrs(false)) {
                message.addRecord(r, section);
            }
            if (dnssec) {
                message.addRecord(signer.sign(set, mode), section);
            }
        }

        void soa() {
            add(zone.rrset(zone.origin(), Type.SOA), Section.AUTHORITY);
        }

        void nsec(Name owner) {
            if (dnssec && nsecOwners.add(owner)) {
                add(zone.rrset(owner, Type.NSEC), Section.AUTHORITY);
            }
        }
    }

    private static Name wildcard(Name encloser) {
        try {
            return Name.concatenate(Name.fromConstantString("*"), encloser);
        } catch (org.xbill.DNS.NameTooLongException e) {
            return encloser; // no room for a wildcard label, so no wildcard can exist there either
        }
    }

    private static boolean dnssecOk(Message request) {
        OPTRecord opt = request.getOPT();
        return opt != null && (opt.getFlags() & ExtendedFlags.DO) != 0;
    }

    private static int udpLimit(Message request) {
        OPTRecord opt = request.getOPT();
        if (opt == null) {
            return PLAIN_UDP_SIZE;
        }
        return Math.max(PLAIN_UDP_SIZE, Math.min(opt.getPayloadSize(), EDNS_UDP_SIZE));
    }

    /** An empty response with the question, the id, RD copied, and EDNS echoed when the query had it. */
    private static Message reply(Message request, int rcode) {
        Message response = new Message(request.getHeader().getID());
        Header header = response.getHeader();
        header.setFlag(Flags.QR);
        header.setOpcode(request.getHeader().getOpcode());
        if (request.getHeader().getFlag(Flags.RD)) {
            header.setFlag(Flags.RD);
        }
        if (request.getHeader().getFlag(Flags.CD)) {
            header.setFlag(Flags.CD);
        }
        header.setRcode(rcode);
        Record question = request.getQuestion();
        if (question != null && request.getSection(Section.QUESTION).size() == 1) {
            response.addRecord(question, Section.QUESTION);
        }
        OPTRecord opt = request.getOPT();
        if (opt != null) {
            response.addRecord(new OPTRecord(EDNS_UDP_SIZE, 0, 0, opt.getFlags() & ExtendedFlags.DO),
                    Section.ADDITIONAL);
        }
        return response;
    }

    private static Message truncated(Message request) {
        Message response = reply(request, Rcode.NOERROR);
        response.getHeader().setFlag(Flags.AA);
        response.getHeader().setFlag(Flags.TC);
        return response;
    }

    /** FORMERR with the id of a query whose header parsed but whose body did not; null when neither did. */
    private static byte[] formErr(byte[] query) {
        try {
            Header header = new Header(query);
            if (header.getFlag(Flags.QR)) {
                return null;
            }
            Message response = new Message(header.getID());
            response.getHeader().setFlag(Flags.QR);
            response.getHeader().setRcode(Rcode.FORMERR);
            return response.toWire();
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}
