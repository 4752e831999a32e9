package io.mailtls.tls.wire;

import java.util.ArrayList;
import java.util.List;

/** Decodes an SSLv2 SERVER-HELLO or ERROR message (the body after the two-byte record header). */
final class Sslv2ServerHelloParser {
    private Sslv2ServerHelloParser() {
    }

    static ServerResponse parse(byte[] message) throws DecodeException {
        ByteReader r = new ByteReader(message);
        int type = r.u8("msg type");
        if (type == 0) {
            int code = r.u16("error code");
            return new ServerResponse.Sslv2Error(code);
        }
        if (type != 4) {
            throw new DecodeException("message type " + type + ", expected SERVER-HELLO");
        }
        r.u8("session id hit");
        r.u8("certificate type");
        int version = r.u16("server version");
        int certLength = r.u16("certificate length");
        int specsLength = r.u16("cipher specs length");
        int connectionIdLength = r.u16("connection id length");
        if (specsLength % 3 != 0) {
            throw new DecodeException("cipher specs length " + specsLength + " is not a multiple of 3");
        }
        byte[] certificate = r.bytes(certLength, "certificate");
        List<Integer> specs = new ArrayList<>();
        for (int i = 0; i < specsLength / 3; i++) {
            specs.add(r.u24("cipher spec"));
        }
        r.bytes(connectionIdLength, "connection id");
        r.expectEnd("SERVER-HELLO");
        return new ServerResponse.Sslv2Hello(version, certificate, specs);
    }
}
