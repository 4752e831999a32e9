package io.mailtls.scan;

import io.mailtls.net.Target;
import io.mailtls.net.TargetParser;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * What makes two input lines the same target: the parsed form (so {@code Example.org.} and {@code example.org}
 * merge, and {@code smtp://host:25} and {@code host:25} too), or the text itself for a line that does not parse.
 * The same function reads the {@code target} of an earlier output line, so {@code --resume} recognises its work.
 */
final class TargetKeys {
    private static final ThreadLocal<MessageDigest> SHA256 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    });

    private TargetKeys() {
    }

    /** The key of a parsed target. */
    static long of(Target t) {
        String canonical = t.endpointOnly()
                ? "endpoint|" + t.mode() + "|" + t.host() + "|" + t.port()
                : "domain|" + t.host();
        return hash(canonical);
    }

    /** The key of a line's target text, parsed when it parses. */
    static long of(String text) {
        try {
            return of(TargetParser.parse(text));
        } catch (IllegalArgumentException e) {
            return hash("text|" + text);
        }
    }

    /**
     * 64 bits of SHA-256: two distinct targets share a key with odds of about n^2 / 2^65, one in 370,000 for ten
     * million targets, and that is the price of keeping a scan's memory at 16 bytes per target.
     */
    static long hash(String canonical) {
        byte[] d = SHA256.get().digest(canonical.getBytes(StandardCharsets.UTF_8));
        return ByteBuffer.wrap(d).getLong();
    }
}
