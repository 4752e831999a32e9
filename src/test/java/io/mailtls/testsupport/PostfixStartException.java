package io.mailtls.testsupport;

/** Postfix refused to start or its listeners never accepted; the message carries the command output and log tail. */
public final class PostfixStartException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public PostfixStartException(String message) {
        super(message);
    }
}
