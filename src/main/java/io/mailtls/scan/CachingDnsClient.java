package io.mailtls.scan;

import io.mailtls.dns.Addresses;
import io.mailtls.dns.DnsAnswer;
import io.mailtls.dns.DnsClient;
import io.mailtls.dns.DnsOutcome;
import io.mailtls.dns.MxRecord;
import io.mailtls.dns.TlsaRdata;
import io.mailtls.dns.TxtRecord;
import java.net.InetAddress;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A {@link DnsClient} that asks once per scan: thousands of domains share a few MX hosts, and their A, AAAA and
 * TLSA lookups are the same questions. Definite answers (records, no data, no such name) are kept, up to a bound;
 * failures (timeouts, SERVFAIL) are shared with the requests already waiting, then asked again next time.
 *
 * <p>A scan of thousands of domains would otherwise fire thousands of queries at once: the server (or the socket
 * buffer in front of it) drops some, and the lost ones come back as timeouts that look like a broken domain. So
 * questions in flight are bounded, and a question that timed out or met a network error is asked once more.
 */
public final class CachingDnsClient implements DnsClient {
    private record Question(String type, String name) {
    }

    /** Questions in flight at once by default: plenty for a local resolver, few enough not to be dropped. */
    public static final int DEFAULT_IN_FLIGHT = 256;

    private final DnsClient inner;
    private final Coalescer<Question, Object> answers;
    private final Semaphore inFlight;
    private final AtomicLong retried = new AtomicLong();

    /** Caches up to {@code capacity} answers of {@code inner}, {@value #DEFAULT_IN_FLIGHT} questions in flight. */
    public CachingDnsClient(DnsClient inner, int capacity) {
        this(inner, capacity, DEFAULT_IN_FLIGHT);
    }

    /** Caches up to {@code capacity} answers of {@code inner}, at most {@code inFlight} questions at once. */
    public CachingDnsClient(DnsClient inner, int capacity, int inFlight) {
        this.inner = inner;
        this.answers = new Coalescer<>(capacity, CachingDnsClient::definite, "mailtls-dns");
        this.inFlight = new Semaphore(inFlight, true);
    }

    /** Asks {@code work} within the in-flight bound, once more after a timeout or a network error. */
    private Object bounded(Callable<Object> work) throws Exception {
        Object answer = once(work);
        if (lost(answer)) {
            retried.incrementAndGet();
            answer = once(work);
        }
        return answer;
    }

    private Object once(Callable<Object> work) throws Exception {
        inFlight.acquire();
        try {
            return work.call();
        } finally {
            inFlight.release();
        }
    }

    private static boolean lost(Object answer) {
        return switch (answer) {
            case DnsAnswer<?> a -> lost(a.outcome());
            case Addresses a -> lost(a.ipv4().outcome()) || lost(a.ipv6().outcome());
            default -> false;
        };
    }

    private static boolean lost(DnsOutcome o) {
        return o == DnsOutcome.TIMEOUT || o == DnsOutcome.NETWORK_ERROR;
    }

    private static boolean definite(Object answer) {
        return switch (answer) {
            case DnsAnswer<?> a -> a.outcome().conclusive();
            case Addresses a -> a.conclusive();
            default -> false;
        };
    }

    @Override
    @SuppressWarnings("unchecked")
    public DnsAnswer<MxRecord> mx(String domain) {
        return (DnsAnswer<MxRecord>) ask("MX", domain, () -> inner.mx(domain));
    }

    @Override
    public Addresses addresses(String host) {
        Object a = ask("A+AAAA", host, () -> inner.addresses(host));
        if (a instanceof Addresses found) {
            return found;
        }
        DnsAnswer<?> failed = (DnsAnswer<?>) a;
        return new Addresses(host, DnsAnswer.failed(failed.name(), "A", failed.outcome(), failed.error()),
                DnsAnswer.failed(failed.name(), "AAAA", failed.outcome(), failed.error()));
    }

    @Override
    @SuppressWarnings("unchecked")
    public DnsAnswer<TxtRecord> txt(String name) {
        return (DnsAnswer<TxtRecord>) ask("TXT", name, () -> inner.txt(name));
    }

    @Override
    @SuppressWarnings("unchecked")
    public DnsAnswer<TlsaRdata> tlsa(String name) {
        return (DnsAnswer<TlsaRdata>) ask("TLSA", name, () -> inner.tlsa(name));
    }

    @Override
    @SuppressWarnings("unchecked")
    public DnsAnswer<String> cname(String name) {
        return (DnsAnswer<String>) ask("CNAME", name, () -> inner.cname(name));
    }

    @Override
    @SuppressWarnings("unchecked")
    public DnsAnswer<InetAddress> address(String host, boolean ipv6) {
        String type = ipv6 ? "AAAA" : "A";
        return (DnsAnswer<InetAddress>) ask(type, host, () -> inner.address(host, ipv6));
    }

    /** How many questions went to the server. */
    public long asked() {
        return answers.computed();
    }

    /** How many questions were asked a second time after a timeout or a network error. */
    public long retried() {
        return retried.get();
    }

    /** How many questions were answered from the cache or by a question in flight. */
    public long saved() {
        return answers.shared();
    }

    private Object ask(String type, String name, Callable<Object> work) {
        String key = name == null ? "" : name.toLowerCase(Locale.ROOT);
        if (key.endsWith(".") && key.length() > 1) {
            key = key.substring(0, key.length() - 1);
        }
        try {
            return answers.get(new Question(type, key), () -> bounded(work));
        } catch (InterruptedException e) {
            // The target was abandoned at its deadline; its answer no longer matters, the shared lookup goes on.
            Thread.currentThread().interrupt();
            return DnsAnswer.failed(key, type, DnsOutcome.TIMEOUT, "abandoned: the target's deadline passed");
        } catch (ExecutionException e) {
            return DnsAnswer.failed(key, type, DnsOutcome.NETWORK_ERROR, String.valueOf(e.getCause()));
        }
    }

    @Override
    public void close() {
        inner.close();
    }
}
