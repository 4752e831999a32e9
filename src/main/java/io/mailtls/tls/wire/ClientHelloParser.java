package io.mailtls.tls.wire;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads a ClientHello from the server's side, so the lab can record what a sending server offers.
 * Strict and bounded like the flight reader: a defect is a {@link ClientHelloParse.Malformed}.
 */
public final class ClientHelloParser {
    private static final int MAX_HELLO = 64 * 1024;

    private ClientHelloParser() {
    }

    /** Parses from the start of the client's byte stream (record layer), which may hold more after the hello. */
    public static ClientHelloParse parseRecords(byte[] data) {
        ByteArrayOutputStream handshake = new ByteArrayOutputStream();
        int offset = 0;
        int recordVersion = -1;
        while (true) {
            if (data.length - offset < 5) {
                return new ClientHelloParse.Incomplete();
            }
            int type = data[offset] & 0xFF;
            int version = (data[offset + 1] & 0xFF) << 8 | data[offset + 2] & 0xFF;
            int length = (data[offset + 3] & 0xFF) << 8 | data[offset + 4] & 0xFF;
            if (type != ContentType.HANDSHAKE || data[offset + 1] != 3) {
                String why = (data[offset] & 0x80) != 0 ? "SSLv2-format hello" : "not a TLS handshake record";
                return new ClientHelloParse.Malformed(why, Evidence.hex(data, offset, data.length - offset));
            }
            if (length == 0 || length > Records.MAX_RECORD_LENGTH) {
                return new ClientHelloParse.Malformed("record length " + length, Evidence.hex(data, offset, 5));
            }
            if (data.length - offset - 5 < length) {
                return new ClientHelloParse.Incomplete();
            }
            recordVersion = recordVersion < 0 ? version : recordVersion;
            handshake.write(data, offset + 5, length);
            offset += 5 + length;
            byte[] hs = handshake.toByteArray();
            if (hs.length >= 4) {
                int declared = (hs[1] & 0xFF) << 16 | (hs[2] & 0xFF) << 8 | hs[3] & 0xFF;
                if (hs[0] != HandshakeType.CLIENT_HELLO || declared > MAX_HELLO) {
                    return new ClientHelloParse.Malformed("expected a ClientHello of at most " + MAX_HELLO
                            + " bytes, got type " + (hs[0] & 0xFF) + " of " + declared, Evidence.hex(hs, 0, 4));
                }
                if (hs.length >= 4 + declared) {
                    if (hs.length > 4 + declared) {
                        return new ClientHelloParse.Malformed("data after the ClientHello in its record",
                                Evidence.hex(hs, 4 + declared, hs.length - 4 - declared));
                    }
                    return switch (parseMessage(hs)) {
                        case ClientHelloParse.Parsed p -> new ClientHelloParse.Parsed(
                                withRecordVersion(p.hello(), recordVersion), offset);
                        case ClientHelloParse other -> other;
                    };
                }
            }
        }
    }

    /** Parses one handshake message (type, length, body). */
    public static ClientHelloParse parseMessage(byte[] message) {
        try {
            ByteReader m = new ByteReader(message);
            if (m.u8("handshake type") != HandshakeType.CLIENT_HELLO) {
                return new ClientHelloParse.Malformed("not a ClientHello", Evidence.hex(message, 0, 4));
            }
            ByteReader r = m.vector(3, "ClientHello");
            m.expectEnd("handshake message");
            return new ClientHelloParse.Parsed(body(r), message.length);
        } catch (DecodeException e) {
            return new ClientHelloParse.Malformed(e.getMessage(), Evidence.hex(message));
        }
    }

    private static ClientHelloInfo body(ByteReader r) throws DecodeException {
        int legacyVersion = r.u16("client_version");
        r.bytes(32, "random");
        ByteReader sid = r.vector(1, "session_id");
        if (sid.remaining() > 32) {
            throw new DecodeException("session_id of " + sid.remaining() + " bytes");
        }
        List<Integer> suites = u16s(r.vector(2, "cipher_suites"), "cipher suite");
        List<Integer> compression = new ArrayList<>();
        ByteReader c = r.vector(1, "compression_methods");
        while (c.hasRemaining()) {
            compression.add(c.u8("compression method"));
        }
        var x = new Extensions();
        if (r.hasRemaining()) {
            ByteReader block = r.vector(2, "extensions");
            while (block.hasRemaining()) {
                int type = block.u16("extension type");
                ByteReader d = block.vector(2, "extension " + type);
                if (x.types.contains(type)) {
                    throw new DecodeException("extension " + type + " appears twice");
                }
                x.types.add(type);
                x.read(type, d);
            }
        }
        r.expectEnd("ClientHello");
        return new ClientHelloInfo(-1, legacyVersion, x.versions, suites, compression, x.serverName, x.groups,
                x.keyShares, x.signatures, x.alpn, x.types);
    }

    /** The extensions the lab reports, decoded as they arrive. */
    private static final class Extensions {
        final List<Integer> types = new ArrayList<>();
        List<Integer> versions = List.of();
        List<Integer> groups = List.of();
        List<Integer> signatures = List.of();
        final List<Integer> keyShares = new ArrayList<>();
        final List<String> alpn = new ArrayList<>();
        Optional<String> serverName = Optional.empty();

        void read(int type, ByteReader d) throws DecodeException {
            switch (type) {
                case ExtensionType.SERVER_NAME -> {
                    if (!d.hasRemaining()) {
                        return; // a server's empty echo; clients should not send it, tolerate it
                    }
                    ByteReader list = d.vector(2, "server_name_list");
                    while (list.hasRemaining()) {
                        int nameType = list.u8("name_type");
                        byte[] name = list.vectorBytes(2, "host_name");
                        if (nameType == 0 && serverName.isEmpty()) {
                            serverName = Optional.of(new String(name, StandardCharsets.US_ASCII));
                        }
                    }
                }
                case ExtensionType.SUPPORTED_VERSIONS -> versions = u16s(d.vector(1, "supported_versions"), "version");
                case ExtensionType.SUPPORTED_GROUPS -> groups = u16s(d.vector(2, "supported_groups"), "group");
                case ExtensionType.SIGNATURE_ALGORITHMS ->
                        signatures = u16s(d.vector(2, "signature_algorithms"), "scheme");
                case ExtensionType.KEY_SHARE -> {
                    ByteReader list = d.vector(2, "client_shares");
                    while (list.hasRemaining()) {
                        keyShares.add(list.u16("key share group"));
                        list.vector(2, "key_exchange");
                    }
                }
                case ExtensionType.APPLICATION_LAYER_PROTOCOL_NEGOTIATION -> {
                    ByteReader list = d.vector(2, "protocol_name_list");
                    while (list.hasRemaining()) {
                        alpn.add(new String(list.vectorBytes(1, "protocol name"), StandardCharsets.US_ASCII));
                    }
                }
                default -> {
                    return;
                }
            }
            d.expectEnd("extension " + type);
        }
    }

    private static List<Integer> u16s(ByteReader list, String what) throws DecodeException {
        if (list.remaining() % 2 != 0) {
            throw new DecodeException(what + " list of odd length " + list.remaining());
        }
        List<Integer> out = new ArrayList<>();
        while (list.hasRemaining()) {
            out.add(list.u16(what));
        }
        return out;
    }

    private static ClientHelloInfo withRecordVersion(ClientHelloInfo h, int recordVersion) {
        return new ClientHelloInfo(recordVersion, h.legacyVersion(), h.supportedVersions(), h.cipherSuites(),
                h.compressionMethods(), h.serverName(), h.supportedGroups(), h.keyShareGroups(),
                h.signatureAlgorithms(), h.alpn(), h.extensionTypes());
    }
}
