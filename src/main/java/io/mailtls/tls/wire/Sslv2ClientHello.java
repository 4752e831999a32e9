package io.mailtls.tls.wire;

import java.security.SecureRandom;
import java.util.List;

/** The SSLv2 CLIENT-HELLO (two-byte header form), for finding servers that still speak SSLv2. */
public final class Sslv2ClientHello {
    private static final SecureRandom RANDOM = new SecureRandom();

    private Sslv2ClientHello() {
    }

    /**
     * The message with header: msg type 1, version 0x0002, the three-byte CIPHER-SPECs, no session id,
     * a 16-byte challenge.
     */
    public static byte[] encode(List<Integer> cipherSpecs) {
        byte[] challenge = new byte[16];
        RANDOM.nextBytes(challenge);
        return encode(cipherSpecs, challenge);
    }

    static byte[] encode(List<Integer> cipherSpecs, byte[] challenge) {
        ByteWriter body = new ByteWriter();
        body.u8(1).u16(0x0002).u16(cipherSpecs.size() * 3).u16(0).u16(challenge.length);
        cipherSpecs.forEach(body::u24);
        body.bytes(challenge);
        byte[] b = body.toByteArray();
        if (b.length > 0x7FFF) {
            throw new IllegalArgumentException("SSLv2 CLIENT-HELLO too long: " + b.length);
        }
        return new ByteWriter().u16(0x8000 | b.length).bytes(b).toByteArray();
    }
}
