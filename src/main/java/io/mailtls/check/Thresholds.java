package io.mailtls.check;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** Judgement thresholds loaded from {@code thresholds.properties}. */
public final class Thresholds {
    private static final Properties P = load();

    /** A greeting slower than this is GREETING_SLOW. */
    public static final long GREETING_SLOW_MS = Long.parseLong(P.getProperty("greeting.slow.ms"));
    /** Finite-field DH under this many bits is DH_WEAK. */
    public static final int DH_MIN_BITS = Integer.parseInt(P.getProperty("dh.min.bits"));

    private Thresholds() {
    }

    private static Properties load() {
        Properties p = new Properties();
        try (InputStream in = Thresholds.class.getResourceAsStream("thresholds.properties")) {
            p.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return p;
    }
}
