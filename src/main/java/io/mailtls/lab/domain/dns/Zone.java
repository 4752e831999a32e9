package io.mailtls.lab.domain.dns;

import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.TreeSet;

import org.xbill.DNS.DClass;
import org.xbill.DNS.NSECRecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.RRset;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.Type;

/**
 * The data of one zone as served: RRsets by owner and type, the owners in DNSSEC canonical order
 * (RFC 4034 §6.1, which {@link Name#compareTo} implements), and for a signed zone the NSEC chain
 * that proves what does not exist. Built once, read by many threads.
 */
final class Zone {

    private final Name origin;
    private final boolean signed;
    private final Map<Name, Map<Integer, RRset>> nodes;
    private final NavigableSet<Name> owners;
    private final SOARecord soa;

    private Zone(Name origin, boolean signed, Map<Name, Map<Integer, RRset>> nodes, SOARecord soa) {
        this.origin = origin;
        this.signed = signed;
        this.nodes = nodes;
        this.owners = new TreeSet<>(nodes.keySet());
        this.soa = soa;
    }

    /**
     * A zone of {@code records} (the SOA and NS among them). For a signed zone the NSEC chain is
     * added: one NSEC per owner naming the next owner and the types present there.
     */
    static Zone of(Name origin, boolean signed, List<Record> records) {
        Map<Name, Map<Integer, RRset>> nodes = new HashMap<>();
        SOARecord soa = null;
        for (Record r : records) {
            nodes.computeIfAbsent(r.getName(), n -> new LinkedHashMap<>())
                    .computeIfAbsent(r.getType(), t -> new RRset()).addRR(r);
            if (r instanceof SOARecord s && r.getName().equals(origin)) {
                soa = s;
            }
        }
        if (soa == null) {
            throw new IllegalArgumentException("zone " + origin + " has no SOA");
        }
        if (signed) {
            addNsecChain(origin, nodes, soa.getMinimum());
        }
        return new Zone(origin, signed, nodes, soa);
    }

    private static void addNsecChain(Name origin, Map<Name, Map<Integer, RRset>> nodes, long ttl) {
        List<Name> sorted = new TreeSet<>(nodes.keySet()).stream().toList();
        for (int i = 0; i < sorted.size(); i++) {
            Name owner = sorted.get(i);
            Name next = i + 1 < sorted.size() ? sorted.get(i + 1) : origin;
            Map<Integer, RRset> node = nodes.get(owner);
            int[] types = new int[node.size() + 2];
            int k = 0;
            for (int type : node.keySet()) {
                types[k++] = type;
            }
            types[k++] = Type.NSEC;
            types[k] = Type.RRSIG;
            Arrays.sort(types);
            node.put(Type.NSEC, new RRset(new NSECRecord(owner, DClass.IN, ttl, next, types)));
        }
    }

    Name origin() {
        return origin;
    }

    boolean signed() {
        return signed;
    }

    SOARecord soa() {
        return soa;
    }

    /** The RRset of {@code type} at {@code owner}, or null. */
    RRset rrset(Name owner, int type) {
        Map<Integer, RRset> node = nodes.get(owner);
        return node == null ? null : node.get(type);
    }

    /** Every RRset of the zone, NSECs included. */
    java.util.stream.Stream<RRset> rrsets() {
        return nodes.values().stream().flatMap(node -> node.values().stream());
    }

    /** Whether {@code owner} holds any data. */
    boolean holds(Name owner) {
        return nodes.containsKey(owner);
    }

    /**
     * Whether {@code name} exists without data of its own because names below it do (an empty
     * non-terminal, RFC 4592 §2.2.2). Descendants follow a name directly in canonical order.
     */
    boolean emptyNonTerminal(Name name) {
        Name after = owners.higher(name);
        return !holds(name) && after != null && after.subdomain(name);
    }

    /** Whether {@code name} exists in this zone, with data or as an empty non-terminal. */
    boolean exists(Name name) {
        return holds(name) || emptyNonTerminal(name);
    }

    /** The owner whose NSEC covers (or, when it exists, matches) {@code name}: the last owner not after it. */
    Name nsecOwnerFor(Name name) {
        Name owner = owners.floor(name);
        return owner == null ? origin : owner;
    }

    /** The longest existing ancestor of a name that does not exist itself (RFC 4592 §3.3.1). */
    Name closestEncloser(Name name) {
        Name candidate = name;
        while (candidate.labels() > origin.labels()) {
            candidate = new Name(candidate, 1);
            if (exists(candidate)) {
                return candidate;
            }
        }
        return origin;
    }

    /** How many owner names the zone holds. */
    int size() {
        return owners.size();
    }
}
