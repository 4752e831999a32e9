package io.mailtls.web;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * A token bucket per client: {@code perMinute} checks refill over a minute, with as many at once. Clients are
 * keyed by IPv4 address or IPv6 /64 (one host's usual allotment); the table is bounded, least recent first out.
 */
public final class RateLimiter {
    private static final long MINUTE_NANOS = 60_000_000_000L;

    private final int perMinute;
    private final int maxClients;
    private final LongSupplier nanoClock;
    private final Map<String, Bucket> buckets;

    private static final class Bucket {
        double tokens;
        long at;

        Bucket(double tokens, long at) {
            this.tokens = tokens;
            this.at = at;
        }
    }

    public RateLimiter(int perMinute, int maxClients, LongSupplier nanoClock) {
        if (perMinute < 1 || maxClients < 1) {
            throw new IllegalArgumentException("perMinute and maxClients must be positive");
        }
        this.perMinute = perMinute;
        this.maxClients = maxClients;
        this.nanoClock = nanoClock;
        this.buckets = new LinkedHashMap<>(64, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Bucket> eldest) {
                return size() > RateLimiter.this.maxClients;
            }
        };
    }

    /**
     * Takes one token for {@code client}.
     *
     * @return 0 when allowed, else the seconds to wait before the next check is allowed
     */
    public synchronized long acquire(String client) {
        long now = nanoClock.getAsLong();
        Bucket b = buckets.computeIfAbsent(key(client), k -> new Bucket(perMinute, now));
        b.tokens = Math.min(perMinute, b.tokens + (double) (now - b.at) * perMinute / MINUTE_NANOS);
        b.at = now;
        if (b.tokens >= 1) {
            b.tokens -= 1;
            return 0;
        }
        double missingNanos = (1 - b.tokens) * MINUTE_NANOS / perMinute;
        return Math.max(1, (long) Math.ceil(missingNanos / 1e9));
    }

    /** How many clients are tracked (bounded by maxClients). */
    public synchronized int clients() {
        return buckets.size();
    }

    /** The bucket key: an IPv4 address, or the /64 of an IPv6 address. */
    static String key(String client) {
        String c = client == null ? "" : client.strip();
        if (c.startsWith("[") && c.endsWith("]")) {
            c = c.substring(1, c.length() - 1);
        }
        if (!c.contains(":")) {
            return c;
        }
        try {
            // A literal from the socket: parsing it asks no DNS.
            InetAddress a = InetAddress.getByName(c);
            if (a instanceof Inet6Address) {
                byte[] b = a.getAddress();
                StringBuilder s = new StringBuilder();
                for (int i = 0; i < 8; i += 2) {
                    s.append(String.format("%02x%02x:", b[i], b[i + 1]));
                }
                return s.append(":/64").toString();
            }
            return a.getHostAddress();
        } catch (UnknownHostException e) {
            return c;
        }
    }
}
