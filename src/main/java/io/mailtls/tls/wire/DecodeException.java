package io.mailtls.tls.wire;

/** A structural error in bytes from the peer; always caught inside this package and turned into a result. */
final class DecodeException extends Exception {
    DecodeException(String reason) {
        super(reason, null, false, false);
    }
}
