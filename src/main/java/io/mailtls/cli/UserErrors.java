package io.mailtls.cli;

import io.mailtls.cert.BadCaFileException;
import io.mailtls.net.BadTargetException;

/** Decides which exceptions are the user's input and so exit 64 with their one-line message. */
final class UserErrors {
    private UserErrors() {
    }

    static boolean isUserError(Throwable t) {
        return t instanceof BadTargetException || t instanceof BadCaFileException || t instanceof UsageException;
    }

    /** A usage problem found while running a command (a file that cannot be written, a port in use). */
    static final class UsageException extends RuntimeException {
        UsageException(String message) {
            super(message);
        }
    }
}
