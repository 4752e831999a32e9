package io.mailtls.cert;

/**
 * The {@code --ca-file} cannot be used; the message is one line meant for the user as it stands.
 */
public final class BadCaFileException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public BadCaFileException(String oneLineMessage) {
        super(oneLineMessage);
    }

    public BadCaFileException(String oneLineMessage, Throwable cause) {
        super(oneLineMessage, cause);
    }
}
