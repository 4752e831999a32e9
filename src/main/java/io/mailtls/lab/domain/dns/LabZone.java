package io.mailtls.lab.domain.dns;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.MXRecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.TLSARecord;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

/**
 * What {@link LabDns} serves: records under one apex (signed with keys made at start), subtrees
 * delegated to unsigned child zones (NS without DS: validators call them INSECURE), and subtrees
 * whose signatures are broken on purpose (validators call them BOGUS). Immutable; made by
 * {@link #builder(String)}.
 */
public final class LabZone {

    /** Every record the lab publishes gets this TTL, and negative answers too (SOA minimum). */
    public static final long TTL = 300;
    /** Records per zone: the bulk lab needs a few thousand names; this bounds a mistake, not a client. */
    public static final int MAX_RECORDS = 200_000;
    /** A TXT character-string holds at most 255 octets (RFC 1035 §3.3). */
    static final int TXT_CHUNK = 255;
    /** Types the lab makes itself; a zone description must not bring its own. */
    private static final Set<Integer> RESERVED = Set.of(Type.SOA, Type.NS, Type.DNSKEY, Type.RRSIG, Type.NSEC,
            Type.NSEC3, Type.NSEC3PARAM, Type.DS);

    /** How a bogus subtree's signatures are broken. */
    public enum Breakage {
        /** Every RRSIG's validity period ended 10 days ago: the zone stopped being re-signed. */
        EXPIRED_SIGNATURES,
        /** Every RRSIG is in its period but one signature byte is flipped: data altered after signing. */
        CORRUPT_SIGNATURES
    }

    private final Name apex;
    private final List<Record> records;
    private final List<Name> unsignedDelegations;
    private final Map<Name, Breakage> bogus;

    private LabZone(Name apex, List<Record> records, List<Name> unsignedDelegations, Map<Name, Breakage> bogus) {
        this.apex = apex;
        this.records = List.copyOf(records);
        this.unsignedDelegations = List.copyOf(unsignedDelegations);
        this.bogus = Collections.unmodifiableMap(new LinkedHashMap<>(bogus));
    }

    /** A builder for a zone with the given apex, such as {@code lab.test}. */
    public static Builder builder(String apex) {
        return new Builder(name(apex));
    }

    /** The apex: the lab is authoritative for this name and everything under it. */
    public Name apex() {
        return apex;
    }

    /** The records as given, absolute names, class IN. */
    public List<Record> records() {
        return records;
    }

    /** The apexes of the unsigned child zones. */
    public List<Name> unsignedDelegations() {
        return unsignedDelegations;
    }

    /** Subtree root to how its signatures are broken. */
    public Map<Name, Breakage> bogusSubtrees() {
        return bogus;
    }

    /** Parses {@code text} as an absolute name; a missing final dot is added. */
    public static Name name(String text) {
        try {
            return Name.fromString(text.endsWith(".") ? text : text + ".");
        } catch (TextParseException e) {
            throw new IllegalArgumentException("not a DNS name: " + text, e);
        }
    }

    /** Collects records and subtree rules; {@link #build()} checks that they fit together. */
    public static final class Builder {
        private final Name apex;
        private final List<Record> records = new ArrayList<>();
        private final List<Name> unsigned = new ArrayList<>();
        private final Map<Name, Breakage> bogus = new LinkedHashMap<>();

        private Builder(Name apex) {
            this.apex = apex;
        }

        /** Adds any record under the apex except the types the lab makes itself (SOA, NS, DNSSEC types). */
        public Builder add(Record record) {
            Objects.requireNonNull(record, "record");
            if (!record.getName().subdomain(apex)) {
                throw new IllegalArgumentException(record.getName() + " is not under " + apex);
            }
            if (RESERVED.contains(record.getType())) {
                throw new IllegalArgumentException("the lab makes " + Type.string(record.getType())
                        + " records itself: " + record);
            }
            if (record.getDClass() != DClass.IN) {
                throw new IllegalArgumentException("class IN only: " + record);
            }
            if (records.size() >= MAX_RECORDS) {
                throw new IllegalArgumentException("more than " + MAX_RECORDS + " records");
            }
            records.add(record);
            return this;
        }

        /** An A or AAAA record, by the address's family. */
        public Builder address(String host, InetAddress address) {
            return switch (address) {
                case Inet4Address v4 -> add(new ARecord(name(host), DClass.IN, TTL, v4));
                case Inet6Address v6 -> add(new AAAARecord(name(host), DClass.IN, TTL, v6));
                default -> throw new IllegalArgumentException("unknown address family: " + address);
            };
        }

        /** An MX record. */
        public Builder mx(String domain, int preference, String exchange) {
            return add(new MXRecord(name(domain), DClass.IN, TTL, preference, name(exchange)));
        }

        /** The null MX of RFC 7505: preference 0, exchange the root. */
        public Builder nullMx(String domain) {
            return add(new MXRecord(name(domain), DClass.IN, TTL, 0, Name.root));
        }

        /** A TXT record; text longer than 255 octets is split into several character-strings. */
        public Builder txt(String owner, String text) {
            List<String> chunks = new ArrayList<>();
            for (int i = 0; i < text.length(); i += TXT_CHUNK) {
                chunks.add(text.substring(i, Math.min(text.length(), i + TXT_CHUNK)));
            }
            return add(new TXTRecord(name(owner), DClass.IN, TTL, chunks.isEmpty() ? List.of("") : chunks));
        }

        /** A TLSA record (RFC 6698). */
        public Builder tlsa(String owner, int usage, int selector, int matchingType, byte[] data) {
            return add(new TLSARecord(name(owner), DClass.IN, TTL, usage, selector, matchingType, data));
        }

        /** Makes {@code child} a zone cut: NS in the parent, no DS, the child's data unsigned. */
        public Builder unsignedDelegation(String child) {
            Name cut = name(child);
            if (!cut.subdomain(apex) || cut.equals(apex)) {
                throw new IllegalArgumentException(child + " is not strictly under " + apex);
            }
            unsigned.add(cut);
            return this;
        }

        /** Breaks the signatures in every answer about {@code subtree} or a name under it. */
        public Builder bogus(String subtree, Breakage breakage) {
            Name root = name(subtree);
            if (!root.subdomain(apex) || root.equals(apex)) {
                throw new IllegalArgumentException(subtree + " is not strictly under " + apex
                        + " (the apex keys must stay valid)");
            }
            bogus.put(root, Objects.requireNonNull(breakage, "breakage"));
            return this;
        }

        /** Checks that cuts do not nest and that no bogus subtree lies in an unsigned zone. */
        public LabZone build() {
            for (Name cut : unsigned) {
                for (Name other : unsigned) {
                    if (!cut.equals(other) && cut.subdomain(other)) {
                        throw new IllegalArgumentException("nested unsigned delegations: " + cut + " under " + other);
                    }
                }
                for (Name root : bogus.keySet()) {
                    if (root.subdomain(cut)) {
                        throw new IllegalArgumentException("bogus subtree " + root + " lies in the unsigned zone "
                                + cut + ": there is nothing to break");
                    }
                }
            }
            return new LabZone(apex, records, unsigned, bogus);
        }
    }
}
