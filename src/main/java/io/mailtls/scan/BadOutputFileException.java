package io.mailtls.scan;

/** The file given to {@code --resume} holds something other than mailtls's JSON lines: a usage error. */
public final class BadOutputFileException extends RuntimeException {
    BadOutputFileException(String message) {
        super(message);
    }
}
