package io.mailtls.tls.probe;

/** Why a probe connection could not deliver its ClientHello or read an answer. */
public enum FailureKind {
    /** The TCP connection was refused. */
    CONNECT_REFUSED,
    /** The TCP connection did not complete in time. */
    CONNECT_TIMEOUT,
    /** The server reset the connection before the ClientHello went out. */
    CONNECTION_RESET,
    /** The server said "come back later" (e.g. an SMTP 421) during the preamble. */
    THROTTLED,
    /** The preamble failed for another reason (e.g. STARTTLS refused or not offered). */
    PREAMBLE,
    /** Any other I/O failure. */
    IO,
    /** The scan's own budget (deadline or refusal limit) ran out before this probe could run. */
    BUDGET;

    /** Whether waiting and trying again may help. */
    public boolean retryable() {
        return this == CONNECT_REFUSED || this == CONNECTION_RESET || this == THROTTLED || this == CONNECT_TIMEOUT;
    }
}
