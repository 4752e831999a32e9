package io.mailtls.facts;

import io.mailtls.net.Endpoint;
import io.mailtls.net.Failure;
import io.mailtls.smtp.SmtpFacts;
import io.mailtls.smtp.TranscriptLine;
import io.mailtls.tls.jsse.TlsSessionFacts;
import java.util.List;

/**
 * Everything observed on one endpoint; parts not reached are null.
 *
 * @param endpoint     where we connected
 * @param expectedName the name the certificate must match
 * @param transcript   the annotated conversation
 * @param smtp         the SMTP dialog's facts
 * @param tls          the negotiated session, when the handshake completed
 * @param certificate  the certificate analysis, when a chain was received
 * @param failure      what stopped the conversation before it was complete, or null
 * @param afterTls     a failure after a successful handshake (EHLO over TLS refused, connection dropped), or null
 */
public record EndpointFacts(Endpoint endpoint, String expectedName, List<TranscriptLine> transcript, SmtpFacts smtp,
                            TlsSessionFacts tls, io.mailtls.cert.CertificateFacts certificate, Failure failure,
                            Failure afterTls) {
    public EndpointFacts {
        transcript = List.copyOf(transcript);
    }

    /** True when a TLS handshake completed. */
    public boolean tlsEstablished() {
        return tls != null;
    }
}
