package io.mailtls.web;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Optional;

/**
 * The server-side request forgery guard: which addresses a public {@code mailtls serve} refuses to connect to on a
 * visitor's behalf (loopback, private, link-local, multicast, CGNAT, documentation, benchmarking and every other
 * special-purpose range of the IANA registries, IPv4 and IPv6, including IPv4 addresses embedded in IPv6).
 */
public final class AddressPolicy {
    /** One refused range. */
    record Block(byte[] prefix, int bits, String cidr, String what) {
        boolean contains(byte[] a) {
            if (a.length != prefix.length) {
                return false;
            }
            int full = bits / 8;
            for (int i = 0; i < full; i++) {
                if (a[i] != prefix[i]) {
                    return false;
                }
            }
            int rest = bits % 8;
            if (rest == 0) {
                return true;
            }
            int mask = (0xff << (8 - rest)) & 0xff;
            return (a[full] & mask) == (prefix[full] & mask);
        }
    }

    // RFC 6890 and the IANA special-purpose address registries.
    private static final List<Block> V4 = List.of(
            block("0.0.0.0/8", "\"this network\" (RFC 791)"),
            block("10.0.0.0/8", "a private network (RFC 1918)"),
            block("100.64.0.0/10", "carrier-grade NAT space (RFC 6598)"),
            block("127.0.0.0/8", "loopback"),
            block("169.254.0.0/16", "link-local"),
            block("172.16.0.0/12", "a private network (RFC 1918)"),
            block("192.0.0.0/24", "IETF protocol assignments (RFC 6890)"),
            block("192.0.2.0/24", "documentation (TEST-NET-1, RFC 5737)"),
            block("192.31.196.0/24", "AS112 service (RFC 7535)"),
            block("192.52.193.0/24", "AMT (RFC 7450)"),
            block("192.88.99.0/24", "the deprecated 6to4 relay anycast (RFC 7526)"),
            block("192.168.0.0/16", "a private network (RFC 1918)"),
            block("192.175.48.0/24", "AS112 direct delegation (RFC 7534)"),
            block("198.18.0.0/15", "benchmarking (RFC 2544)"),
            block("198.51.100.0/24", "documentation (TEST-NET-2, RFC 5737)"),
            block("203.0.113.0/24", "documentation (TEST-NET-3, RFC 5737)"),
            block("224.0.0.0/4", "multicast"),
            block("240.0.0.0/4", "reserved (RFC 1112) or broadcast"));

    private static final List<Block> V6 = List.of(
            block("::/128", "the unspecified address"),
            block("::1/128", "loopback"),
            block("::/96", "the deprecated IPv4-compatible range (RFC 4291)"),
            block("64:ff9b:1::/48", "local-use NAT64 (RFC 8215)"),
            block("100::/64", "discard-only (RFC 6666)"),
            block("2001::/23", "IETF protocol assignments, Teredo, benchmarking, ORCHID (RFC 2928, 6890)"),
            block("2001:db8::/32", "documentation (RFC 3849)"),
            block("2002::/16", "6to4 (RFC 3056), whose embedded IPv4 address is not checked"),
            block("3fff::/20", "documentation (RFC 9637)"),
            block("5f00::/16", "segment routing (RFC 9602)"),
            block("fc00::/7", "unique local addresses (RFC 4193)"),
            block("fe80::/10", "link-local"),
            block("fec0::/10", "the deprecated site-local range"),
            block("ff00::/8", "multicast"));

    private static final Block V4_MAPPED = block("::ffff:0:0/96", "IPv4-mapped");
    private static final Block NAT64 = block("64:ff9b::/96", "NAT64 (RFC 6052)");
    private static final Block GLOBAL_UNICAST = block("2000::/3", "global unicast");

    private AddressPolicy() {
    }

    /** Why a public server must not connect to {@code a}, or empty when it may. */
    public static Optional<String> refusal(InetAddress a) {
        byte[] b = a.getAddress();
        if (a instanceof Inet4Address) {
            return v4(b);
        }
        if (a instanceof Inet6Address) {
            // IPv4 inside IPv6 reaches the IPv4 host: judge the embedded address.
            if (V4_MAPPED.contains(b) || NAT64.contains(b)) {
                byte[] v4 = new byte[]{b[12], b[13], b[14], b[15]};
                return v4(v4).map(why -> "an IPv6 form of " + dotted(v4) + ", " + why);
            }
            for (Block x : V6) {
                if (x.contains(b)) {
                    return Optional.of(x.what() + " (" + x.cidr() + ")");
                }
            }
            if (!GLOBAL_UNICAST.contains(b)) {
                return Optional.of("outside global unicast (2000::/3): reserved");
            }
            return Optional.empty();
        }
        return Optional.of("not an IP address");
    }

    private static Optional<String> v4(byte[] b) {
        for (Block x : V4) {
            if (x.contains(b)) {
                return Optional.of(x.what() + " (" + x.cidr() + ")");
            }
        }
        return Optional.empty();
    }

    private static String dotted(byte[] b) {
        return (b[0] & 0xff) + "." + (b[1] & 0xff) + "." + (b[2] & 0xff) + "." + (b[3] & 0xff);
    }

    private static Block block(String cidr, String what) {
        int slash = cidr.indexOf('/');
        try {
            // Literals only: getByName parses them without any DNS query.
            byte[] prefix = InetAddress.getByName(cidr.substring(0, slash)).getAddress();
            if (cidr.contains(":") && prefix.length == 4) {
                prefix = mapped(prefix);
            }
            return new Block(prefix, Integer.parseInt(cidr.substring(slash + 1)), cidr, what);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(cidr, e);
        }
    }

    /** The 16-byte form of an IPv4 address that Java turned into Inet4Address ({@code ::ffff:a.b.c.d}). */
    private static byte[] mapped(byte[] v4) {
        byte[] b = new byte[16];
        b[10] = (byte) 0xff;
        b[11] = (byte) 0xff;
        System.arraycopy(v4, 0, b, 12, 4);
        return b;
    }
}
