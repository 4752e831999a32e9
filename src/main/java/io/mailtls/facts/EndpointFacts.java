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
 * @param probe        the deep raw-probe profile, or null without {@code --deep}
 * @param smtpProbes   the deep SMTP security probes, or null without {@code --deep}
 */
public record EndpointFacts(Endpoint endpoint, String expectedName, List<TranscriptLine> transcript, SmtpFacts smtp,
                            TlsSessionFacts tls, io.mailtls.cert.CertificateFacts certificate, Failure failure,
                            Failure afterTls, io.mailtls.tls.probe.TlsProfile probe,
                            io.mailtls.smtp.SmtpProbeFacts smtpProbes) {
    public EndpointFacts {
        transcript = List.copyOf(transcript);
    }

    /** The basic facts, without deep probes. */
    public EndpointFacts(Endpoint endpoint, String expectedName, List<TranscriptLine> transcript, SmtpFacts smtp,
                         TlsSessionFacts tls, io.mailtls.cert.CertificateFacts certificate, Failure failure,
                         Failure afterTls) {
        this(endpoint, expectedName, transcript, smtp, tls, certificate, failure, afterTls, null, null);
    }

    /** These facts with the deep probes' results. */
    public EndpointFacts withProbes(io.mailtls.tls.probe.TlsProfile p, io.mailtls.smtp.SmtpProbeFacts s) {
        return new EndpointFacts(endpoint, expectedName, transcript, smtp, tls, certificate, failure, afterTls, p, s);
    }

    /** True when a TLS handshake completed. */
    public boolean tlsEstablished() {
        return tls != null;
    }
}
