package io.mailtls.lab.record;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.EOFException;
import java.io.IOException;
import java.net.SocketException;
import java.net.SocketTimeoutException;

import javax.net.ssl.SSLHandshakeException;

import org.junit.jupiter.api.Test;

import io.mailtls.lab.record.HandshakeFailure.Kind;

/** How a server-side handshake failure is told apart: the client's alert, its close, silence, or no agreement. */
class HandshakeFailureTest {

    @Test
    void aReceivedAlertIsTheClients() {
        HandshakeFailure f = HandshakeFailure.of(new SSLHandshakeException("x"),
                "Received fatal alert: certificate_expired");
        assertThat(f.kind()).isEqualTo(Kind.CLIENT_ALERT);
        assertThat(f.alert()).isEqualTo("certificate_expired");
    }

    /** OpenSSL 3's s_client, refusing the certificate in TLS 1.3, sends its alert unencrypted. */
    @Test
    void aPlaintextAlertIsTheClientsToo() {
        HandshakeFailure f = HandshakeFailure.of(new SSLHandshakeException("x"), "Unexpected exception: Unexpected "
                + "plaintext alert received: Level: fatal; Alert: bad_certificate");
        assertThat(f.kind()).isEqualTo(Kind.CLIENT_ALERT);
        assertThat(f.alert()).isEqualTo("bad_certificate");
    }

    @Test
    void closesTimeoutsAndOurOwnRefusalsAreNotAlerts() {
        assertThat(HandshakeFailure.of(new EOFException("gone"), "gone").kind()).isEqualTo(Kind.CLIENT_CLOSED);
        assertThat(HandshakeFailure.of(new SocketException("Connection reset"), "Connection reset").kind())
                .isEqualTo(Kind.CLIENT_CLOSED);
        assertThat(HandshakeFailure.of(new SSLHandshakeException("Remote host terminated the handshake"),
                "Remote host terminated the handshake").kind()).isEqualTo(Kind.CLIENT_CLOSED);
        assertThat(HandshakeFailure.of(new SocketTimeoutException("Read timed out"), "Read timed out").kind())
                .isEqualTo(Kind.TIMEOUT);
        HandshakeFailure ours = HandshakeFailure.of(new SSLHandshakeException("no cipher suites in common"),
                "no cipher suites in common");
        assertThat(ours.kind()).isEqualTo(Kind.NEGOTIATION);
        assertThat(ours.alert()).isNull();
    }

    @Test
    void theEvidenceIsBoundedAndPrintable() {
        IOException e = new IOException("x");
        HandshakeFailure f = HandshakeFailure.of(e, "\u001b]0;owned\u0007" + "y".repeat(1000));
        assertThat(f.detail()).startsWith("?]0;owned?").hasSize(HandshakeFailure.MAX_DETAIL + 3).endsWith("...");
        assertThat(f.detail()).doesNotContain("\u001b");
    }
}
