package io.mailtls.net;

/** How TLS starts on a connection: after the SMTP STARTTLS command, or at once (SMTPS, RFC 8314). */
public enum Mode {
    STARTTLS, IMPLICIT_TLS
}
