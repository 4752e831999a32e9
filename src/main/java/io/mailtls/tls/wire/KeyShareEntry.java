package io.mailtls.tls.wire;

/**
 * One key_share entry (RFC 8446 section 4.2.8).
 *
 * @param group       the named group code
 * @param keyExchange the public value in the group's wire encoding
 */
public record KeyShareEntry(int group, byte[] keyExchange) {
    public KeyShareEntry {
        keyExchange = keyExchange.clone();
    }

    @Override
    public byte[] keyExchange() {
        return keyExchange.clone();
    }
}
