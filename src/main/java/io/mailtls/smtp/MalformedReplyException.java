package io.mailtls.smtp;

import java.io.IOException;

/** A server reply that breaks RFC 5321's reply syntax or our size limits; carries the offending bytes. */
public final class MalformedReplyException extends IOException {
    private final String evidence;

    public MalformedReplyException(String reason, String evidence) {
        super(reason);
        this.evidence = evidence;
    }

    /** The offending line or bytes, already made printable. */
    public String evidence() {
        return evidence;
    }
}
