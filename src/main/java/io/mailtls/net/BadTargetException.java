package io.mailtls.net;

/** A target the user typed that cannot be parsed; the message is one line meant for the user. */
public final class BadTargetException extends IllegalArgumentException {
    public BadTargetException(String message) {
        super(message);
    }
}
