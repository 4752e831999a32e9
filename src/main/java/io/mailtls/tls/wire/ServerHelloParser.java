package io.mailtls.tls.wire;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/** Decodes a ServerHello body (after the handshake header) strictly; any defect is a {@link DecodeException}. */
final class ServerHelloParser {
    private static final int MAX_EXTENSIONS = 64;

    private ServerHelloParser() {
    }

    static ServerHello parse(byte[] body) throws DecodeException {
        ByteReader r = new ByteReader(body);
        int version = r.u16("server_version");
        byte[] random = r.bytes(32, "random");
        ByteReader sid = r.vector(1, "session_id");
        if (sid.remaining() > 32) {
            throw new DecodeException("session_id of " + sid.remaining() + " bytes");
        }
        byte[] sessionId = sid.bytes(sid.remaining(), "session_id");
        int suite = r.u16("cipher_suite");
        int compression = r.u8("compression_method");
        List<Extension> extensions = new ArrayList<>();
        // SSLv3 and early TLS servers may end the ServerHello here, with no extensions block.
        if (r.hasRemaining()) {
            ByteReader block = r.vector(2, "extensions");
            Set<Integer> seen = new HashSet<>();
            while (block.hasRemaining()) {
                int type = block.u16("extension type");
                byte[] data = block.vectorBytes(2, "extension " + type);
                if (!seen.add(type)) {
                    throw new DecodeException("extension " + type + " appears twice");
                }
                if (extensions.size() >= MAX_EXTENSIONS) {
                    throw new DecodeException("more than " + MAX_EXTENSIONS + " extensions");
                }
                extensions.add(new Extension(type, data));
            }
        }
        r.expectEnd("ServerHello");
        boolean hrr = java.util.Arrays.equals(random, ServerHello.HELLO_RETRY_REQUEST_RANDOM);
        OptionalInt supportedVersion = OptionalInt.empty();
        OptionalInt keyShareGroup = OptionalInt.empty();
        Optional<byte[]> renegotiation = Optional.empty();
        OptionalInt heartbeat = OptionalInt.empty();
        for (Extension e : extensions) {
            ByteReader d = new ByteReader(e.data());
            switch (e.type()) {
                case ExtensionType.SUPPORTED_VERSIONS -> {
                    supportedVersion = OptionalInt.of(d.u16("supported_versions"));
                    d.expectEnd("supported_versions");
                }
                case ExtensionType.KEY_SHARE -> {
                    keyShareGroup = OptionalInt.of(d.u16("key_share group"));
                    if (!hrr) {
                        ByteReader kx = d.vector(2, "key_exchange");
                        if (!kx.hasRemaining()) {
                            throw new DecodeException("empty key_exchange");
                        }
                    }
                    d.expectEnd("key_share");
                }
                case ExtensionType.RENEGOTIATION_INFO -> {
                    renegotiation = Optional.of(e.data());
                    d.vector(1, "renegotiated_connection");
                    d.expectEnd("renegotiation_info");
                }
                case ExtensionType.HEARTBEAT -> {
                    heartbeat = OptionalInt.of(d.u8("heartbeat mode"));
                    d.expectEnd("heartbeat");
                }
                default -> {
                    // Kept raw in extensions; nothing to decode for the probes.
                }
            }
        }
        return new ServerHello(version, random, sessionId, suite, compression, extensions, supportedVersion,
                keyShareGroup, renegotiation, heartbeat);
    }
}
