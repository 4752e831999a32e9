package io.mailtls.web;

import io.mailtls.net.BadTargetException;
import io.mailtls.net.Target;
import io.mailtls.net.TargetParser;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Decides whether a visitor's target may be checked: parses it, and for a host (an endpoint target) resolves the
 * name once, refuses special-purpose addresses (unless private targets are allowed) and hands on the checked
 * addresses as literals, so that the engine connects to exactly what was judged and a second, rebound DNS answer
 * never matters. A mail domain is looked up by the engine itself (MX, MTA-STS); {@link GuardedEngine} judges each
 * of its connections instead.
 */
public final class TargetGuard {
    /** At most this many addresses of one name are checked. */
    public static final int MAX_ADDRESSES = 8;
    /** The ports a public server checks: SMTP, submission, SMTPS and the common alternative. */
    public static final Set<Integer> MAIL_PORTS = Set.of(25, 465, 587, 2525);
    private static final int MAX_TARGET_LENGTH = 300;

    private final Resolver resolver;
    private final boolean allowPrivate;
    private final boolean ipv4;
    private final boolean ipv6;
    private final Duration timeout;

    /** What the guard decided. */
    public sealed interface Decision permits Allowed, Refused {
    }

    /**
     * The target may be checked: an endpoint target at these addresses, a domain as the engine finds it.
     *
     * @param target    the parsed target as the visitor gave it
     * @param addresses for an endpoint target, the checked addresses, to be connected to as literals; empty for a
     *                  domain
     */
    public record Allowed(Target target, List<InetAddress> addresses) implements Decision {
        public Allowed {
            addresses = List.copyOf(addresses);
        }

        /** What to give the engine: one literal target per address, keeping port and mode; or the domain. */
        public List<Target> targets() {
            if (!target.endpointOnly()) {
                return List.of(target);
            }
            return addresses.stream().map(a -> new Target(target.original(), literal(a), target.port(), target.mode(), true))
                    .toList();
        }
    }

    /** The target is refused, with a reason a visitor can act on. */
    public record Refused(String reason) implements Decision {
    }

    public TargetGuard(Resolver resolver, boolean allowPrivate, boolean ipv4, boolean ipv6, Duration timeout) {
        this.resolver = resolver;
        this.allowPrivate = allowPrivate;
        this.ipv4 = ipv4;
        this.ipv6 = ipv6;
        this.timeout = timeout;
    }

    /** Parses, resolves (once) and judges a target typed by a visitor. */
    public Decision decide(String text) {
        if (text == null || text.isBlank()) {
            return new Refused("give a target: a domain, a host name, or host:port");
        }
        if (text.length() > MAX_TARGET_LENGTH) {
            return new Refused("the target is longer than " + MAX_TARGET_LENGTH + " characters");
        }
        Target t;
        try {
            t = TargetParser.parse(text);
        } catch (BadTargetException e) {
            return new Refused(e.getMessage());
        }
        if (!t.endpointOnly()) {
            return new Allowed(t, List.of());
        }
        if (!allowPrivate && !MAIL_PORTS.contains(t.port())) {
            return new Refused("port " + t.port() + " is not a mail port; this server checks ports " + sortedPorts());
        }
        List<InetAddress> all;
        try {
            all = t.isIpLiteral() ? List.of(InetAddress.getByName(t.host())) : resolve(t.host());
        } catch (UnknownHostException e) {
            return new Refused("the name " + t.host() + " does not resolve");
        } catch (TimeoutException e) {
            return new Refused("the name " + t.host() + " did not resolve within " + timeout.toSeconds() + " s");
        }
        List<InetAddress> usable = new ArrayList<>();
        for (InetAddress a : all) {
            if ((a instanceof Inet4Address && ipv4) || (a instanceof Inet6Address && ipv6)) {
                usable.add(a);
            }
        }
        if (usable.isEmpty()) {
            return new Refused("the name " + t.host() + " has no " + (ipv4 && !ipv6 ? "IPv4 " : !ipv4 ? "IPv6 " : "") + "address");
        }
        if (usable.size() > MAX_ADDRESSES) {
            usable = usable.subList(0, MAX_ADDRESSES);
        }
        if (!allowPrivate) {
            for (InetAddress a : usable) {
                Optional<String> why = AddressPolicy.refusal(a);
                if (why.isPresent()) {
                    String subject = t.isIpLiteral() ? literal(a) + " is "
                            : t.host() + " resolves to " + literal(a) + ", which is ";
                    return new Refused(subject + why.get() + "; this server does not connect there"
                            + " (its operator can allow it with --allow-private)");
                }
            }
        }
        return new Allowed(t, usable);
    }

    private List<InetAddress> resolve(String host) throws UnknownHostException, TimeoutException {
        // The system resolver has no deadline of its own that we control: bound the wait.
        FutureTask<List<InetAddress>> task = new FutureTask<>(() -> resolver.resolve(host));
        Thread.ofVirtual().name("mailtls-resolve").start(task);
        try {
            return task.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof UnknownHostException u) {
                throw u;
            }
            throw new UnknownHostException(String.valueOf(e.getCause()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TimeoutException("interrupted");
        } finally {
            task.cancel(true);
        }
    }

    private static String sortedPorts() {
        return MAIL_PORTS.stream().sorted().map(String::valueOf).reduce((a, b) -> a + ", " + b).orElse("");
    }

    /** The address as a literal (with its scope, if any), as the engine's target parser reads it. */
    static String literal(InetAddress a) {
        return a.getHostAddress();
    }
}
