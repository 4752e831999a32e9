package io.mailtls.smtp;

import java.net.SocketTimeoutException;

/** The server did not finish a reply in time; carries what had arrived so far. */
public final class ReplyTimeoutException extends SocketTimeoutException {
    private final String partial;

    public ReplyTimeoutException(String message, String partial) {
        super(message);
        this.partial = partial;
    }

    /** What the server had sent of the reply before time ran out, made printable. */
    public String partial() {
        return partial;
    }
}
