package io.mailtls.tls.wire;

/**
 * Bounds on what a reader accepts from a peer, so a hostile server cannot make us allocate or wait without end.
 *
 * @param maxRecordLength     the largest record body
 * @param maxHandshakeMessage the largest single handshake message (a certificate chain is one)
 * @param maxFlightBytes      the most bytes read for one answer
 * @param maxCertificates     the most certificates in one Certificate message
 */
public record WireLimits(int maxRecordLength, int maxHandshakeMessage, int maxFlightBytes, int maxCertificates) {

    /** Room for any sane mail server: a 128 KiB chain of up to 32 certificates, 256 KiB in all. */
    public static final WireLimits DEFAULT = new WireLimits(Records.MAX_RECORD_LENGTH, 128 * 1024, 256 * 1024, 32);
}
