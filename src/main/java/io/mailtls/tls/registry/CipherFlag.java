package io.mailtls.tls.registry;

import java.util.Optional;

/** A property of a cipher suite that matters for judging it, as spelled in the registry table. */
public enum CipherFlag {
    NULL("NULL"),
    ANON("ANON"),
    EXPORT("EXPORT"),
    RC4("RC4"),
    TRIPLE_DES("3DES"),
    CBC("CBC"),
    /** Forward secrecy: the key exchange is ephemeral. */
    FS("FS"),
    /** A signalling value (RFC 5746, 7507), never a suite a server may choose. */
    SCSV("SCSV"),
    /** Not assigned by IANA, but picked by deployed servers (old ChaCha drafts, EXPORT1024, GOST, FIPS). */
    NONSTANDARD("NONSTANDARD");

    private final String token;

    CipherFlag(String token) {
        this.token = token;
    }

    /** The spelling in the table. */
    public String token() {
        return token;
    }

    static Optional<CipherFlag> fromToken(String token) {
        for (CipherFlag f : values()) {
            if (f.token.equals(token)) {
                return Optional.of(f);
            }
        }
        return Optional.empty();
    }
}
