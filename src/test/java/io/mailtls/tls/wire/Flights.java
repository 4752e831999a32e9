package io.mailtls.tls.wire;

import java.util.List;

/** Builds server flights for tests, the way a TLS 1.2 server lays them out. */
final class Flights {
    private Flights() {
    }

    static byte[] message(int type, byte[] body) {
        return new ByteWriter().u8(type).u24(body.length).bytes(body).toByteArray();
    }

    static byte[] serverHello(int version, byte[] random, int suite, int compression, List<Extension> extensions) {
        ByteWriter w = new ByteWriter().u16(version).bytes(random).u8(0).u16(suite).u8(compression);
        if (extensions != null) {
            int block = w.startVector(2);
            for (Extension e : extensions) {
                w.u16(e.type()).u16(e.data().length).bytes(e.data());
            }
            w.endVector(block, 2);
        }
        return message(HandshakeType.SERVER_HELLO, w.toByteArray());
    }

    static byte[] certificate(byte[]... ders) {
        ByteWriter w = new ByteWriter();
        int list = w.startVector(3);
        for (byte[] der : ders) {
            w.u24(der.length).bytes(der);
        }
        w.endVector(list, 3);
        return message(HandshakeType.CERTIFICATE, w.toByteArray());
    }

    static byte[] ecdheKeyExchange(int group) {
        ByteWriter w = new ByteWriter().u8(3).u16(group).u8(65).bytes(new byte[65]).u16(0x0401).u16(4)
                .bytes(new byte[4]);
        return message(HandshakeType.SERVER_KEY_EXCHANGE, w.toByteArray());
    }

    static byte[] dheKeyExchange(int primeBytes) {
        byte[] p = new byte[primeBytes];
        java.util.Arrays.fill(p, (byte) 0xFF);
        ByteWriter w = new ByteWriter().u16(p.length).bytes(p).u16(1).u8(2).u16(p.length).bytes(new byte[p.length])
                .u16(0x0401).u16(4).bytes(new byte[4]);
        return message(HandshakeType.SERVER_KEY_EXCHANGE, w.toByteArray());
    }

    static byte[] serverHelloDone() {
        return message(HandshakeType.SERVER_HELLO_DONE, new byte[0]);
    }

    static byte[] record(int type, byte[]... payloads) {
        ByteWriter body = new ByteWriter();
        for (byte[] p : payloads) {
            body.bytes(p);
        }
        byte[] b = body.toByteArray();
        return new ByteWriter().u8(type).u16(0x0303).u16(b.length).bytes(b).toByteArray();
    }

    static byte[] concat(byte[]... parts) {
        ByteWriter w = new ByteWriter();
        for (byte[] p : parts) {
            w.bytes(p);
        }
        return w.toByteArray();
    }

    static byte[] random(int seed) {
        byte[] r = new byte[32];
        java.util.Arrays.fill(r, (byte) seed);
        return r;
    }
}
