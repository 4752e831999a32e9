package io.mailtls.policy.mtasts;

import io.mailtls.dns.Addresses;
import io.mailtls.dns.DnsClient;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;

/**
 * Where to connect for a policy host. The default asks our own DNS client (so {@code --resolver}
 * applies); the lab maps policy hosts to loopback ports.
 */
@FunctionalInterface
public interface PolicyHostResolver {
    /** The HTTPS port of real policy hosts. */
    int HTTPS_PORT = 443;

    /**
     * The addresses to try for {@code host}, in order.
     *
     * @throws IOException with the evidence when the host has no usable address
     */
    List<InetSocketAddress> resolve(String host) throws IOException;

    /** Resolves with {@code dns}, A then AAAA, port 443. */
    static PolicyHostResolver dns(DnsClient dns) {
        return host -> {
            Addresses found = dns.addresses(host);
            if (!found.exists()) {
                throw new IOException(found.summary());
            }
            return found.all().stream().map(a -> new InetSocketAddress(a, HTTPS_PORT)).toList();
        };
    }

    /** Resolves with the JVM's resolver (the system's), port 443. */
    static PolicyHostResolver system() {
        return host -> {
            InetAddress[] all = InetAddress.getAllByName(host);
            return java.util.Arrays.stream(all).map(a -> new InetSocketAddress(a, HTTPS_PORT)).toList();
        };
    }

    /** Connects each listed host to its fixed address; other hosts have none. */
    static PolicyHostResolver fixed(Map<String, InetSocketAddress> hosts) {
        Map<String, InetSocketAddress> copy = Map.copyOf(hosts);
        return host -> {
            InetSocketAddress address = copy.get(host);
            if (address == null) {
                throw new IOException("no fixed address for " + host);
            }
            return List.of(address);
        };
    }
}
