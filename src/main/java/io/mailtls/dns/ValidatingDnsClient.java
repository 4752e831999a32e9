package io.mailtls.dns;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.CNAMERecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.MXRecord;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.TLSARecord;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.Type;
import org.xbill.DNS.dnssec.ValidatingResolver;

/** {@link DnsClient} over dnsjava's {@link ValidatingResolver} on top of one {@link SimpleResolver}. */
final class ValidatingDnsClient implements DnsClient {
    /**
     * Where dnsjava validates signatures: not its default, the common ForkJoin pool, which has one thread on two
     * cores and is shared with everything else in the process (one blocked task there stalls every validation).
     */
    private static final java.util.concurrent.Executor VALIDATION =
            java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor();

    private static final Logger LOG = LoggerFactory.getLogger(ValidatingDnsClient.class);
    private static final int MAX_CNAME_HOPS = 8;

    private final CapturingResolver head;
    private final ValidatingResolver validator;
    private final long deadlineMillis;

    ValidatingDnsClient(DnsConfig config) {
        // Signature checks are most of a signed scan's CPU: remember them and run them fast (see the provider).
        DnssecSignatureProvider.install();
        SimpleResolver simple = new SimpleResolver(config.server().orElseGet(ValidatingDnsClient::systemServer));
        simple.setTimeout(config.timeout());
        head = new CapturingResolver(simple);
        validator = new ValidatingResolver(head);
        try {
            validator.loadTrustAnchors(new ByteArrayInputStream(config.anchors().zoneText().getBytes(UTF_8)));
        } catch (IOException e) {
            throw new UncheckedIOException("trust anchors were checked but did not load", e);
        }
        deadlineMillis = config.lookupDeadline().toMillis();
        LOG.debug("DNS via {} with {} trust anchor(s)", simple.getAddress(), config.anchors().anchors().size());
    }

    private static InetSocketAddress systemServer() {
        try {
            return new SimpleResolver().getAddress();
        } catch (UnknownHostException e) {
            return new InetSocketAddress(InetAddress.getLoopbackAddress(), 53);
        }
    }

    @Override
    public DnsAnswer<MxRecord> mx(String domain) {
        DnsAnswer<MxRecord> answer = lookup(domain, Type.MX,
                r -> new MxRecord(((MXRecord) r).getPriority(), DnsNames.display(((MXRecord) r).getTarget())));
        var sorted = new ArrayList<>(answer.records());
        sorted.sort(Comparator.comparingInt(MxRecord::preference).thenComparing(MxRecord::host));
        return new DnsAnswer<>(answer.name(), answer.type(), answer.outcome(), answer.rcode(), answer.dnssec(),
                answer.dnssecReason(), sorted, answer.aliases(), answer.capped(), answer.error());
    }

    @Override
    public Addresses addresses(String host) {
        var ipv6 = new FutureTask<>(() -> address(host, true));
        Thread.ofVirtual().name("dns-aaaa").start(ipv6);
        DnsAnswer<InetAddress> ipv4 = address(host, false);
        try {
            return new Addresses(DnsNames.display(host), ipv4, ipv6.get());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Addresses(DnsNames.display(host), ipv4,
                    DnsAnswer.failed(DnsNames.display(host), "AAAA", DnsOutcome.NETWORK_ERROR, "interrupted"));
        } catch (ExecutionException e) {
            return new Addresses(DnsNames.display(host), ipv4, DnsAnswer.failed(DnsNames.display(host), "AAAA",
                    DnsOutcome.NETWORK_ERROR, String.valueOf(e.getCause())));
        }
    }

    @Override
    public DnsAnswer<InetAddress> address(String host, boolean ipv6) {
        return lookup(host, ipv6 ? Type.AAAA : Type.A, r -> {
            byte[] raw = r instanceof ARecord a ? a.getAddress().getAddress() : ((AAAARecord) r).getAddress().getAddress();
            try {
                return InetAddress.getByAddress(raw); // no host name attached: prints as the bare address
            } catch (UnknownHostException e) {
                throw new IllegalStateException("address of " + raw.length + " bytes", e);
            }
        });
    }

    @Override
    public DnsAnswer<TxtRecord> txt(String name) {
        return lookup(name, Type.TXT, r -> AnswerReader.txt((TXTRecord) r));
    }

    @Override
    public DnsAnswer<TlsaRdata> tlsa(String name) {
        return lookup(name, Type.TLSA, r -> {
            var t = (TLSARecord) r;
            return TlsaRdata.of(t.getCertificateUsage(), t.getSelector(), t.getMatchingType(),
                    t.getCertificateAssociationData());
        });
    }

    @Override
    public DnsAnswer<String> cname(String name) {
        return lookup(name, Type.CNAME, r -> DnsNames.display(((CNAMERecord) r).getTarget()));
    }

    /** Asks for {@code type} at {@code input}, following CNAMEs across responses, within the deadline. */
    private <T> DnsAnswer<T> lookup(String input, int type, Function<Record, T> extract) {
        String typeName = Type.string(type);
        Name name;
        try {
            name = DnsNames.toName(input);
        } catch (IllegalArgumentException e) {
            return DnsAnswer.failed(DnsNames.display(input), typeName, DnsOutcome.BAD_NAME, e.getMessage());
        }
        String display = DnsNames.display(name);
        long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(deadlineMillis);
        List<String> aliases = new ArrayList<>();
        DnssecStatus status = DnssecStatus.SECURE;
        String reason = null;
        Name current = name;
        while (true) {
            long left = TimeUnit.NANOSECONDS.toMillis(end - System.nanoTime());
            Exchange ex = left <= 0 ? Exchange.timedOut(deadlineMillis) : exchange(current, type, left);
            AnswerReader.Hop hop = AnswerReader.read(ex, current, type);
            status = status.worst(hop.status());
            if (hop.reason() != null && reason == null && hop.status() != DnssecStatus.SECURE) {
                reason = hop.reason();
            }
            if (hop.failure() != null) {
                return new DnsAnswer<>(display, typeName, hop.failure(), hop.rcode(), DnssecStatus.INDETERMINATE,
                        reason, List.of(), aliases, false, hop.error());
            }
            aliases.addAll(hop.aliases());
            if (aliases.size() > MAX_CNAME_HOPS) {
                return new DnsAnswer<>(display, typeName, DnsOutcome.MALFORMED, hop.rcode(), status, reason,
                        List.of(), aliases, false, "CNAME chain longer than " + MAX_CNAME_HOPS + " names");
            }
            List<Record> records = hop.records();
            boolean followed = !hop.end().equals(current);
            if (!records.isEmpty() || type == Type.CNAME || !followed || hop.nxdomain()) {
                List<T> out = new ArrayList<>();
                for (Record r : records.subList(0, Math.min(records.size(), DnsAnswer.MAX_RECORDS))) {
                    out.add(extract.apply(r));
                }
                DnsOutcome outcome = !out.isEmpty() ? DnsOutcome.ANSWER
                        : hop.nxdomain() ? DnsOutcome.NXDOMAIN : DnsOutcome.NODATA;
                return new DnsAnswer<>(display, typeName, outcome, hop.rcode(), status, reason, out, aliases,
                        records.size() > DnsAnswer.MAX_RECORDS, null);
            }
            // The chain left the server's data (an authoritative server answers only its own zones): ask again.
            current = hop.end();
        }
    }

    private Exchange exchange(Name name, int type, long millis) {
        Message query = Message.newQuery(Record.newRecord(name, type, DClass.IN));
        head.expect(query);
        CompletableFuture<Message> future = validator.sendAsync(query, VALIDATION).toCompletableFuture();
        try {
            Message validated = future.get(millis, TimeUnit.MILLISECONDS);
            return new Exchange(validated, head.take(query), null);
        } catch (TimeoutException e) {
            future.cancel(true);
            return new Exchange(null, head.take(query), new TimeoutException("no answer within " + millis + " ms"));
        } catch (ExecutionException e) {
            return new Exchange(null, head.take(query), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            future.cancel(true);
            return new Exchange(null, head.take(query), e);
        }
    }

    /** One query's results: the validated response, the server's raw response, or why neither came. */
    record Exchange(Message validated, Message raw, Throwable failure) {
        static Exchange timedOut(long millis) {
            return new Exchange(null, null, new TimeoutException("no answer within " + millis + " ms"));
        }

        boolean secure() {
            return validated != null && validated.getHeader().getFlag(Flags.AD);
        }

        boolean validatorFailed() {
            return validated != null && validated.getRcode() == Rcode.SERVFAIL;
        }
    }
}
