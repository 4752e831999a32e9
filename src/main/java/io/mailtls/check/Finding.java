package io.mailtls.check;

import java.util.Objects;

/**
 * One judgement about a target: a stable contract id, its severity, and the evidence.
 *
 * @param id       stable upper-snake-case id from the contract (e.g. {@code CERT_EXPIRED})
 * @param severity how bad it is for the mail
 * @param title    one line
 * @param detail   what was seen, with the evidence (reply line, alert, dates, names)
 * @param fix      what the admin should change; empty for OK and INFO findings that need nothing
 * @param endpoint {@code host:port}, or null for a domain-level finding
 */
public record Finding(String id, Severity severity, String title, String detail, String fix, String endpoint) {
    public Finding {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(title, "title");
        detail = detail == null ? "" : detail;
        fix = fix == null ? "" : fix;
    }

    /** The same finding attached to an endpoint. */
    public Finding at(String hostPort) {
        return new Finding(id, severity, title, detail, fix, hostPort);
    }
}
