package io.mailtls.dns;

import java.util.HexFormat;

/**
 * The raw fields of one TLSA record (RFC 6698 §2.1), not yet judged.
 *
 * @param usage        certificate usage field (0..255)
 * @param selector     selector field (0..255)
 * @param matchingType matching type field (0..255)
 * @param dataHex      certificate association data, lower-case hex (may be empty)
 */
public record TlsaRdata(int usage, int selector, int matchingType, String dataHex) {
    /** Builds the record from the wire fields. */
    public static TlsaRdata of(int usage, int selector, int matchingType, byte[] data) {
        return new TlsaRdata(usage, selector, matchingType, HexFormat.of().formatHex(data));
    }

    /** The association data as bytes. */
    public byte[] data() {
        return HexFormat.of().parseHex(dataHex);
    }

    /** Zone-file presentation: {@code "3 1 1 ab12..."}. */
    public String presentation() {
        return usage + " " + selector + " " + matchingType + " " + (dataHex.isEmpty() ? "-" : dataHex);
    }
}
