package io.mailtls.lab;

/** The lab could not start, for example because a port is taken; the message names the endpoint. */
public final class LabStartException extends Exception {

    public LabStartException(String message, Throwable cause) {
        super(message, cause);
    }
}
