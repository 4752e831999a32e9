package io.mailtls.audit;

import io.mailtls.net.Deadline;
import io.mailtls.net.Failure;
import io.mailtls.smtp.SmtpSession;
import io.mailtls.smtp.StartTlsDialog;
import io.mailtls.smtp.Transcript;
import io.mailtls.tls.probe.FailureKind;
import io.mailtls.tls.probe.Preamble;
import io.mailtls.tls.probe.PreambleResult;
import java.io.IOException;
import java.net.Socket;
import java.time.Duration;

/**
 * The SMTP STARTTLS preamble for the raw probes: the very dialog {@code check} uses, so both see the server alike.
 * A 421 or other 4xx becomes THROTTLED (retried with backoff, and never "not supported").
 */
final class StartTlsPreamble implements Preamble {
    private final String ehloName;
    private final Duration step;
    private final Duration greetingLimit;

    StartTlsPreamble(String ehloName, Duration step, Duration greetingLimit) {
        this.ehloName = ehloName;
        this.step = step;
        this.greetingLimit = greetingLimit;
    }

    @Override
    public PreambleResult prepare(Socket socket, Deadline deadline) {
        try {
            StartTlsDialog dialog = new StartTlsDialog(new SmtpSession(socket, new Transcript(), step, deadline), ehloName);
            Failure f = dialog.greeting(greetingLimit);
            if (f == null) {
                f = dialog.ehlo();
            }
            if (f == null) {
                f = dialog.starttls();
            }
            if (f == null) {
                return PreambleResult.ready();
            }
            FailureKind kind = switch (f.kind()) {
                case THROTTLED -> FailureKind.THROTTLED;
                case RESET -> FailureKind.CONNECTION_RESET;
                case CLOSED, TIMEOUT, DEADLINE -> FailureKind.IO;
                default -> FailureKind.PREAMBLE;
            };
            return new PreambleResult.Failed(kind, f.detail() + (f.evidence().isEmpty() ? "" : ": " + f.evidence()));
        } catch (IOException e) {
            return new PreambleResult.Failed(FailureKind.IO, String.valueOf(e.getMessage()));
        }
    }
}
