package io.mailtls.net;

/**
 * Why a connection could not get as far as it should have: one kind per distinct cause, the phase, and the
 * evidence (a reply line, an alert name, the first bytes seen).
 *
 * @param kind     what went wrong
 * @param phase    where in the conversation
 * @param detail   one sentence for people
 * @param evidence what the server sent or did, printable; may be empty
 */
public record Failure(Kind kind, Phase phase, String detail, String evidence) {

    /** The distinct causes, each mapped to one finding id by the checks. */
    public enum Kind {
        UNRESOLVED, REFUSED, CONNECT_TIMEOUT, UNREACHABLE, RESET, CLOSED, TIMEOUT, THROTTLED, GREETING_REJECTED,
        MALFORMED_REPLY, EHLO_REJECTED, STARTTLS_NOT_OFFERED, STARTTLS_REFUSED, TLS_ALERT, TLS_DROPPED,
        NOT_TLS, TLS_OTHER, EHLO_AFTER_TLS_FAILED, DEADLINE,
        /** A guard (the web UI's SSRF protection) kept us from connecting to this address at all. */
        NOT_ALLOWED
    }

    public Failure {
        evidence = evidence == null ? "" : evidence;
    }

    /** True for causes that say nothing about the server's TLS (we could not test). */
    public boolean inconclusive() {
        return switch (kind) {
            case UNRESOLVED, REFUSED, CONNECT_TIMEOUT, UNREACHABLE, RESET, TIMEOUT, THROTTLED, DEADLINE, CLOSED,
                 GREETING_REJECTED, NOT_ALLOWED -> true;
            default -> false;
        };
    }
}
