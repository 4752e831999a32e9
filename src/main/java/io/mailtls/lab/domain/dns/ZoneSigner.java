package io.mailtls.lab.domain.dns;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.xbill.DNS.DClass;
import org.xbill.DNS.DNSKEYRecord;
import org.xbill.DNS.DNSSEC;
import org.xbill.DNS.DSRecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.RRSIGRecord;
import org.xbill.DNS.RRset;

/**
 * The apex zone's one key (a combined signing key, flags 257, ECDSA P-256 with SHA-256: algorithm
 * 13) and its signatures. Signatures are made on first use and kept: a bulk lab with thousands of
 * RRsets starts at once, and each RRset is signed only if somebody asks for it.
 */
final class ZoneSigner {

    /** How a signature is made: correctly, or broken in one of the ways a validator must catch. */
    enum Mode { VALID, EXPIRED, CORRUPT }

    private static final int ALGORITHM = DNSSEC.Algorithm.ECDSAP256SHA256;
    /** Validators allow some clock skew; an hour back keeps a just-started lab valid for all of them. */
    private static final Duration BACKDATE = Duration.ofHours(1);
    private static final Duration VALIDITY = Duration.ofDays(30);

    private final KeyPair keys;
    private final DNSKEYRecord dnskey;
    private final DSRecord ds;
    private final Instant inception;
    private final Map<Key, RRSIGRecord> cache = new ConcurrentHashMap<>();

    private record Key(Name owner, int type, Mode mode) {
    }

    ZoneSigner(Name apex, Instant now) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            keys = generator.generateKeyPair();
            dnskey = new DNSKEYRecord(apex, DClass.IN, LabZone.TTL,
                    DNSKEYRecord.Flags.ZONE_KEY | DNSKEYRecord.Flags.SEP_KEY, DNSKEYRecord.Protocol.DNSSEC,
                    ALGORITHM, keys.getPublic());
            ds = new DSRecord(apex, DClass.IN, LabZone.TTL, DNSSEC.Digest.SHA256, dnskey);
        } catch (GeneralSecurityException | DNSSEC.DNSSECException e) {
            throw new IllegalStateException("cannot make the lab's DNSSEC key", e);
        }
        inception = now.truncatedTo(ChronoUnit.SECONDS).minus(BACKDATE);
    }

    DNSKEYRecord dnskey() {
        return dnskey;
    }

    /** The DS record of the key: what a parent would publish, and the lab's trust anchor. */
    DSRecord ds() {
        return ds;
    }

    /** The RRSIG over {@code set} made in {@code mode}; the same object for the same set and mode. */
    RRSIGRecord sign(RRset set, Mode mode) {
        return cache.computeIfAbsent(new Key(set.getName(), set.getType(), mode), k -> make(set, mode));
    }

    private RRSIGRecord make(RRset set, Mode mode) {
        // dnsjava reads the set through its cycling rrs(), which is not thread-safe: one signer per set at a time.
        synchronized (set) {
            return signNow(set, mode);
        }
    }

    private RRSIGRecord signNow(RRset set, Mode mode) {
        try {
            return switch (mode) {
                case VALID -> DNSSEC.sign(set, dnskey, keys.getPrivate(), inception, inception.plus(VALIDITY));
                case EXPIRED -> DNSSEC.sign(set, dnskey, keys.getPrivate(), inception.minus(Duration.ofDays(40)),
                        inception.minus(Duration.ofDays(10)));
                case CORRUPT -> corrupt(DNSSEC.sign(set, dnskey, keys.getPrivate(), inception,
                        inception.plus(VALIDITY)));
            };
        } catch (DNSSEC.DNSSECException e) {
            throw new IllegalStateException("cannot sign " + set.getName() + " " + set.getType(), e);
        }
    }

    /** The same RRSIG with the last byte of its signature flipped. */
    private static RRSIGRecord corrupt(RRSIGRecord sig) {
        byte[] signature = sig.getSignature().clone();
        signature[signature.length - 1] ^= 0x01;
        return new RRSIGRecord(sig.getName(), sig.getDClass(), sig.getTTL(), sig.getTypeCovered(),
                sig.getAlgorithm(), sig.getOrigTTL(), sig.getExpire(), sig.getTimeSigned(), sig.getFootprint(),
                sig.getSigner(), signature);
    }

    /** How many signatures have been made so far. */
    int signatures() {
        return cache.size();
    }
}
