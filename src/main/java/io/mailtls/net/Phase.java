package io.mailtls.net;

/** The step of the conversation in which something happened. */
public enum Phase {
    RESOLVE("name resolution"), CONNECT("TCP connect"), GREETING("waiting for the greeting"), EHLO("EHLO"),
    STARTTLS("STARTTLS"), TLS_HANDSHAKE("TLS handshake"), EHLO_AFTER_TLS("EHLO after TLS"), QUIT("QUIT");

    private final String label;

    Phase(String label) {
        this.label = label;
    }

    /** Words for people. */
    public String label() {
        return label;
    }
}
