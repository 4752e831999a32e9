package io.mailtls.dns;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The signatures already found valid, as Unbound's rrset cache remembers validated RRsets: a bounded, thread-safe
 * set of SHA-256 digests over (algorithm, public key, signed data, signature), least recently used out first.
 *
 * <p>The same RRset with the same RRSIG comes back in many answers (a zone's SOA in every negative answer, an NSEC
 * that covers several asked names, shared MX hosts), and each ECDSA check costs far more than the digest. Only
 * successes are kept, and the digest covers every input of the check, so a remembered entry can only ever answer
 * the very check that succeeded: other data, another signature or another key give another digest (SHA-256's
 * collision resistance), and the check runs for real.
 */
final class SignatureMemo {
    /** About 3 negative-answer signatures per domain: room for the last thousand or so domains of a scan. */
    static final int DEFAULT_CAPACITY = 4096;

    private final int capacity;
    private final Map<Id, Boolean> verified;
    private final AtomicLong hits = new AtomicLong();
    private final AtomicLong misses = new AtomicLong();

    /** A SHA-256 digest as four longs: compact, with value equality. */
    record Id(long a, long b, long c, long d) {
    }

    SignatureMemo(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be positive, got " + capacity);
        }
        this.capacity = capacity;
        this.verified = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Id, Boolean> eldest) {
                return size() > SignatureMemo.this.capacity;
            }
        };
    }

    /**
     * The digest of one signature check. Every field is length-prefixed, so no two different inputs share an
     * encoding (moving bytes from the data into the signature changes the digest too).
     */
    static Id id(String algorithm, byte[] publicKey, byte[] data, int length, byte[] signature) {
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
        byte[] name = algorithm.getBytes(StandardCharsets.UTF_8);
        field(sha, name, 0, name.length);
        field(sha, publicKey, 0, publicKey.length);
        field(sha, data, 0, length);
        field(sha, signature, 0, signature.length);
        ByteBuffer digest = ByteBuffer.wrap(sha.digest());
        return new Id(digest.getLong(), digest.getLong(), digest.getLong(), digest.getLong());
    }

    private static void field(MessageDigest sha, byte[] bytes, int offset, int length) {
        sha.update(ByteBuffer.allocate(Integer.BYTES).putInt(length).array());
        sha.update(bytes, offset, length);
    }

    /** True when this exact check succeeded before (and is still remembered). */
    boolean verified(Id id) {
        boolean known;
        synchronized (verified) {
            known = verified.get(id) != null;
        }
        (known ? hits : misses).incrementAndGet();
        return known;
    }

    /** Remembers a check that succeeded; the least recently used entry goes when the memo is full. */
    void remember(Id id) {
        synchronized (verified) {
            verified.put(id, Boolean.TRUE);
        }
    }

    int size() {
        synchronized (verified) {
            return verified.size();
        }
    }

    int capacity() {
        return capacity;
    }

    long hits() {
        return hits.get();
    }

    long misses() {
        return misses.get();
    }
}
