package io.mailtls.tls.wire;

/** The outcome of parsing the first bytes a client sent. */
public sealed interface ClientHelloParse {

    /**
     * A complete ClientHello.
     *
     * @param hello    what it offered
     * @param consumed how many bytes of the input the records holding it took
     */
    record Parsed(ClientHelloInfo hello, int consumed) implements ClientHelloParse {
    }

    /** The bytes so far are a valid beginning; more are needed. */
    record Incomplete() implements ClientHelloParse {
    }

    /**
     * Not a ClientHello we can read.
     *
     * @param reason   what is wrong
     * @param evidence the offending bytes in hex
     */
    record Malformed(String reason, String evidence) implements ClientHelloParse {
    }
}
