package io.mailtls.lab.domain.dns;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.NSRecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.Type;

/**
 * The zones {@link LabDns} is authoritative for: the signed apex zone and its unsigned children,
 * and which zone answers a question. The parent answers DS at a cut (RFC 4035 §3.1.4.1); the
 * child answers everything else at and below its apex.
 */
final class ZoneTable {

    private static final long SOA_REFRESH = 3600;
    private static final long SOA_RETRY = 600;
    private static final long SOA_EXPIRE = 86_400;

    private final Zone apex;
    private final List<Zone> children;
    private final Map<Name, LabZone.Breakage> bogus;

    private ZoneTable(Zone apex, List<Zone> children, Map<Name, LabZone.Breakage> bogus) {
        this.apex = apex;
        this.children = children;
        this.bogus = bogus;
    }

    /** Lays out {@code spec}'s records into zones, adds SOA, NS and the apex DNSKEY, and chains NSECs. */
    static ZoneTable of(LabZone spec, ZoneSigner signer, InetAddress nameServer, long serial) {
        Name origin = spec.apex();
        Name ns = concatenate(Name.fromConstantString("ns"), origin);
        Map<Name, List<Record>> byZone = new HashMap<>();
        List<Record> top = new ArrayList<>(apexRecords(origin, ns, serial));
        top.add(new ARecord(ns, DClass.IN, LabZone.TTL, nameServer));
        top.add(signer.dnskey());
        for (Name cut : spec.unsignedDelegations()) {
            top.add(new NSRecord(cut, DClass.IN, LabZone.TTL, ns));
            byZone.put(cut, new ArrayList<>(apexRecords(cut, ns, serial)));
        }
        for (Record r : spec.records()) {
            Name cut = cutOf(spec.unsignedDelegations(), r.getName());
            (cut == null ? top : byZone.get(cut)).add(r);
        }
        List<Zone> children = new ArrayList<>();
        byZone.forEach((cut, records) -> children.add(Zone.of(cut, false, records)));
        // Deepest first is not needed (cuts do not nest) but keeps the search obviously right.
        children.sort(Comparator.comparingInt((Zone z) -> z.origin().labels()).reversed());
        return new ZoneTable(Zone.of(origin, true, top), List.copyOf(children), spec.bogusSubtrees());
    }

    private static List<Record> apexRecords(Name origin, Name ns, long serial) {
        Name mailbox = concatenate(Name.fromConstantString("hostmaster"), origin);
        return List.of(new SOARecord(origin, DClass.IN, LabZone.TTL, ns, mailbox, serial, SOA_REFRESH, SOA_RETRY,
                SOA_EXPIRE, LabZone.TTL), new NSRecord(origin, DClass.IN, LabZone.TTL, ns));
    }

    private static Name cutOf(List<Name> cuts, Name owner) {
        for (Name cut : cuts) {
            if (owner.subdomain(cut)) {
                return cut;
            }
        }
        return null;
    }

    private static Name concatenate(Name prefix, Name suffix) {
        try {
            return Name.concatenate(prefix, suffix);
        } catch (org.xbill.DNS.NameTooLongException e) {
            throw new IllegalArgumentException("name too long under " + suffix, e);
        }
    }

    /** The zone that answers {@code type} at {@code name}, or null when the lab is not authoritative. */
    Zone zoneFor(Name name, int type) {
        if (!name.subdomain(apex.origin())) {
            return null;
        }
        for (Zone child : children) {
            if (name.subdomain(child.origin()) && !(type == Type.DS && name.equals(child.origin()))) {
                return child;
            }
        }
        return apex;
    }

    /** How signatures in answers about {@code name} are made: broken inside a bogus subtree. */
    ZoneSigner.Mode signing(Name name) {
        for (var entry : bogus.entrySet()) {
            if (name.subdomain(entry.getKey())) {
                return entry.getValue() == LabZone.Breakage.EXPIRED_SIGNATURES
                        ? ZoneSigner.Mode.EXPIRED : ZoneSigner.Mode.CORRUPT;
            }
        }
        return ZoneSigner.Mode.VALID;
    }

    /**
     * Signs every RRset of the signed zone now, in the mode answers about its owner use, and returns how many; the
     * signer keeps them, so answers only look them up. Answers that need another mode still sign on demand.
     */
    int presign(ZoneSigner signer) {
        // Parallel: a bulk lab holds tens of thousands of RRsets, and the signer is safe for distinct sets.
        return apex.rrsets().parallel().mapToInt(set -> {
            signer.sign(set, signing(set.getName()));
            return 1;
        }).sum();
    }

    Zone apex() {
        return apex;
    }

    /** Owner names over all zones, for logs. */
    int names() {
        return apex.size() + children.stream().mapToInt(Zone::size).sum();
    }
}
