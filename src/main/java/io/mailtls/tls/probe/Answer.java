package io.mailtls.tls.probe;

import io.mailtls.tls.wire.ServerResponse;

/** What a server's response means for a probe: it picked something, it said no, or it is unclear. */
sealed interface Answer {

    /** The server chose a suite (and a version): in a ServerHello, or in a HelloRetryRequest. */
    record Picked(int suite, int version, ServerResponse response) implements Answer {
    }

    /** The server declined: an alert or a closed connection. */
    record Rejected(String how, boolean protocolVersionAlert, boolean withoutAlert) implements Answer {
    }

    /** No conclusion possible: a timeout, a malformed or non-TLS answer. */
    record Unclear(String why) implements Answer {
    }

    /** The failure classifier: one branch per kind of response, each with its reason. */
    static Answer of(ServerResponse response) {
        return switch (response) {
            case ServerResponse.Hello h ->
                    new Picked(h.serverHello().cipherSuite(), h.serverHello().version(), response);
            case ServerResponse.HelloRetry r -> new Picked(r.request().cipherSuite(), r.request().version(), response);
            case ServerResponse.Alert a -> new Rejected("alert " + a, a.description() == 70, false);
            // Many servers close or reset instead of sending an alert; both are a refusal of this hello.
            case ServerResponse.Closed c -> new Rejected(c.reset() ? "reset: " + c.detail() : c.detail(), false, true);
            case ServerResponse.TimedOut t -> new Unclear("timed out: " + t.detail());
            case ServerResponse.NotTls n -> new Unclear("answer is not TLS: \"" + n.printable() + "\"");
            case ServerResponse.Malformed m -> new Unclear("malformed answer: " + m.reason() + " [" + m.evidence() + "]");
            case ServerResponse.Sslv2Hello s -> new Unclear("SSLv2 SERVER-HELLO to a TLS hello");
            case ServerResponse.Sslv2Error e -> new Rejected("SSLv2 error " + e.errorCode(), false, false);
        };
    }
}
