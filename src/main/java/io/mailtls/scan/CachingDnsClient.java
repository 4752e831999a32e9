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

/**
 * A {@link DnsClient} that asks once per scan: thousands of domains share a few MX hosts, and their A, AAAA and
 * TLSA lookups are the same questions. Definite answers (records, no data, no such name) are kept, up to a bound;
 * failures (timeouts, SERVFAIL) are shared with the requests already waiting, then asked again next time.
 */
public final class CachingDnsClient implements DnsClient {
    private record Question(String type, String name) {
    }

    private final DnsClient inner;
    private final Coalescer<Question, Object> answers;

    /** Caches up to {@code capacity} answers of {@code inner}. */
    public CachingDnsClient(DnsClient inner, int capacity) {
        this.inner = inner;
        this.answers = new Coalescer<>(capacity, CachingDnsClient::definite, "mailtls-dns");
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
            return answers.get(new Question(type, key), work);
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
