package io.mailtls.policy.dane;

import io.mailtls.dns.TlsaRdata;

/**
 * One TLSA record judged for SMTP (RFC 6698 §2.1, RFC 7672 §3.1).
 *
 * @param raw          the record's fields as published
 * @param usage        the certificate usage, or null when the value is not 0..3
 * @param selector     the selector, or null when the value is not 0 or 1
 * @param matchingType the matching type, or null when the value is not 0..2
 * @param status       whether senders can use it
 * @param reason       why it is unusable or malformed (null when usable)
 */
public record TlsaRecord(TlsaRdata raw, Usage usage, Selector selector, MatchingType matchingType, Status status,
                         String reason) {
    /** Certificate usage (RFC 6698 §2.1.1, acronyms from RFC 7218). */
    public enum Usage {
        PKIX_TA(0), PKIX_EE(1), DANE_TA(2), DANE_EE(3);

        final int value;

        Usage(int value) {
            this.value = value;
        }
    }

    /** What the association data covers (RFC 6698 §2.1.2). */
    public enum Selector {
        CERT(0), SPKI(1);

        final int value;

        Selector(int value) {
            this.value = value;
        }
    }

    /** How the data is presented (RFC 6698 §2.1.3). */
    public enum MatchingType {
        FULL(0, -1), SHA256(1, 32), SHA512(2, 64);

        final int value;
        final int length;

        MatchingType(int value, int length) {
            this.value = value;
            this.length = length;
        }
    }

    /** Whether an SMTP sender can use the record. */
    public enum Status {
        /** DANE-TA or DANE-EE, well-formed. */
        USABLE,
        /** Well-formed, but PKIX-TA or PKIX-EE, which RFC 7672 §3.1.3 tells SMTP senders to ignore. */
        UNUSABLE,
        /** Unknown field values, or data of the wrong length or shape. */
        MALFORMED
    }

    /** True when senders match with this record. */
    public boolean usable() {
        return status == Status.USABLE;
    }

    /** Zone-file presentation of the record data. */
    public String presentation() {
        return raw.presentation();
    }
}
