package io.mailtls.dns;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import org.xbill.DNS.EDNSOption;
import org.xbill.DNS.Message;
import org.xbill.DNS.Resolver;
import org.xbill.DNS.TSIG;

/**
 * Sits under the validating resolver and keeps the server's own response to the queries we asked
 * about. The validator turns both an upstream SERVFAIL and a failed validation into SERVFAIL; the
 * raw response tells the two apart and keeps the records of a bogus answer as evidence.
 */
final class CapturingResolver implements Resolver {
    private final Resolver delegate;
    private final Set<String> wanted = ConcurrentHashMap.newKeySet();
    private final Map<String, Message> captured = new ConcurrentHashMap<>();

    CapturingResolver(Resolver delegate) {
        this.delegate = delegate;
    }

    /** Starts keeping the raw response to {@code query} (matched by id and question). */
    void expect(Message query) {
        wanted.add(key(query));
    }

    /** Stops keeping responses to {@code query} and returns the one kept, or null. */
    Message take(Message query) {
        String key = key(query);
        wanted.remove(key);
        return captured.remove(key);
    }

    private static String key(Message m) {
        var q = m.getQuestion();
        return m.getHeader().getID() + "/" + q.getName() + "/" + q.getType();
    }

    @Override
    public CompletionStage<Message> sendAsync(Message query) {
        return keep(query, delegate.sendAsync(query));
    }

    @Override
    public CompletionStage<Message> sendAsync(Message query, Executor executor) {
        return keep(query, delegate.sendAsync(query, executor));
    }

    private CompletionStage<Message> keep(Message query, CompletionStage<Message> response) {
        String key = key(query);
        if (!wanted.contains(key)) {
            return response;
        }
        return response.whenComplete((m, e) -> {
            if (m != null && wanted.contains(key)) {
                captured.put(key, m);
            }
        });
    }

    @Override
    public void setPort(int port) {
        delegate.setPort(port);
    }

    @Override
    public void setTCP(boolean flag) {
        delegate.setTCP(flag);
    }

    @Override
    public void setIgnoreTruncation(boolean flag) {
        delegate.setIgnoreTruncation(flag);
    }

    @Override
    public void setEDNS(int version, int payloadSize, int flags, List<EDNSOption> options) {
        delegate.setEDNS(version, payloadSize, flags, options);
    }

    @Override
    public void setTSIGKey(TSIG key) {
        delegate.setTSIGKey(key);
    }

    @Override
    public void setTimeout(Duration timeout) {
        delegate.setTimeout(timeout);
    }

    @Override
    public Duration getTimeout() {
        return delegate.getTimeout();
    }
}
