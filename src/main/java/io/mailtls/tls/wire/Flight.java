package io.mailtls.tls.wire;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The state of one server flight as records arrive: reassembles handshake messages across records,
 * checks their order, and decides when the answer is complete.
 */
final class Flight {
    private final ByteArrayOutputStream pending = new ByteArrayOutputStream();
    private final List<Integer> messageTypes = new ArrayList<>();
    private final List<ServerResponse.Alert> warnings = new ArrayList<>();
    private ServerHello serverHello;
    private List<byte[]> certificates = List.of();
    private Optional<ServerKeyExchange> keyExchange = Optional.empty();

    /** Handles one complete record; a present result ends the read. */
    Optional<ServerResponse> onRecord(int type, byte[] body, WireLimits limits) {
        return switch (type) {
            case ContentType.ALERT -> onAlert(body);
            case ContentType.HANDSHAKE -> onHandshake(body, limits);
            case ContentType.CHANGE_CIPHER_SPEC -> serverHello != null
                    // An abbreviated handshake or a middlebox-compatibility CCS: nothing more is plaintext.
                    ? Optional.of(hello(false, Optional.empty()))
                    : Optional.of(malformed("ChangeCipherSpec before ServerHello", body));
            default -> Optional.of(malformed("unexpected record type " + type
                    + (serverHello == null ? " before ServerHello" : " in the server's first flight"), body));
        };
    }

    ServerResponse onEndOfStream(int total) {
        if (pending.size() > 0) {
            return new ServerResponse.Malformed("closed inside a handshake message (" + pending.size()
                    + " bytes pending)", Evidence.hex(pending.toByteArray()));
        }
        if (serverHello != null) {
            return hello(false, Optional.empty());
        }
        return new ServerResponse.Closed(false, "closed after " + total + " bytes without a ServerHello");
    }

    ServerResponse onTimeout(int total) {
        if (serverHello != null) {
            return hello(false, Optional.empty());
        }
        return new ServerResponse.TimedOut(total == 0 ? "no answer" : "incomplete answer after " + total + " bytes");
    }

    ServerResponse onReset(int total, String message) {
        if (serverHello != null) {
            return hello(false, Optional.empty());
        }
        return new ServerResponse.Closed(true, "reset after " + total + " bytes: " + message);
    }

    private Optional<ServerResponse> onAlert(byte[] body) {
        if (body.length < 2 || body.length % 2 != 0) {
            return Optional.of(malformed("alert record of " + body.length + " bytes", body));
        }
        var alert = new ServerResponse.Alert(body[0] & 0xFF, body[1] & 0xFF);
        // A warning such as unrecognized_name may precede a normal ServerHello; close_notify ends the talk.
        if (alert.level() == 1 && alert.description() != 0) {
            warnings.add(alert);
            return Optional.empty();
        }
        return Optional.of(serverHello == null ? alert : hello(false, Optional.of(alert)));
    }

    private Optional<ServerResponse> onHandshake(byte[] body, WireLimits limits) {
        if (body.length == 0) {
            return Optional.of(malformed("empty handshake record", body));
        }
        pending.writeBytes(body);
        while (pending.size() >= 4) {
            byte[] buf = pending.toByteArray();
            int type = buf[0] & 0xFF;
            int length = (buf[1] & 0xFF) << 16 | (buf[2] & 0xFF) << 8 | buf[3] & 0xFF;
            if (length > limits.maxHandshakeMessage()) {
                return Optional.of(malformed("handshake message type " + type + " of " + length
                        + " bytes exceeds " + limits.maxHandshakeMessage(), buf));
            }
            if (buf.length < 4 + length) {
                return Optional.empty();
            }
            byte[] message = java.util.Arrays.copyOfRange(buf, 4, 4 + length);
            pending.reset();
            pending.write(buf, 4 + length, buf.length - 4 - length);
            Optional<ServerResponse> done = onMessage(type, message, limits);
            if (done.isPresent()) {
                return done;
            }
        }
        return Optional.empty();
    }

    private Optional<ServerResponse> onMessage(int type, byte[] body, WireLimits limits) {
        messageTypes.add(type);
        if (serverHello == null && type != HandshakeType.SERVER_HELLO) {
            return Optional.of(malformed("handshake message type " + type + " before ServerHello", body));
        }
        try {
            switch (type) {
                case HandshakeType.SERVER_HELLO -> {
                    if (serverHello != null) {
                        return Optional.of(malformed("second ServerHello", body));
                    }
                    serverHello = ServerHelloParser.parse(body);
                    if (serverHello.isHelloRetryRequest()) {
                        return Optional.of(new ServerResponse.HelloRetry(serverHello));
                    }
                    if (serverHello.version() >= 0x0304) {
                        // TLS 1.3: everything after the ServerHello is encrypted.
                        return Optional.of(hello(true, Optional.empty()));
                    }
                }
                case HandshakeType.CERTIFICATE -> certificates =
                        ServerFlightReader.certificates(body, limits.maxCertificates());
                case HandshakeType.SERVER_KEY_EXCHANGE -> keyExchange =
                        Optional.of(ServerKeyExchangeParser.parse(body, serverHello.cipherSuite()));
                case HandshakeType.SERVER_HELLO_DONE -> {
                    if (body.length != 0) {
                        return Optional.of(malformed("ServerHelloDone with a body", body));
                    }
                    return Optional.of(hello(true, Optional.empty()));
                }
                default -> {
                    // CertificateRequest, CertificateStatus...: noted in messageTypes, nothing to decode.
                }
            }
        } catch (DecodeException e) {
            return Optional.of(malformed("handshake message type " + type + ": " + e.getMessage(), body));
        }
        return Optional.empty();
    }

    private ServerResponse.Hello hello(boolean complete, Optional<ServerResponse.Alert> closing) {
        return new ServerResponse.Hello(serverHello, certificates, keyExchange, messageTypes, complete, warnings,
                closing);
    }

    private static ServerResponse.Malformed malformed(String reason, byte[] evidence) {
        return new ServerResponse.Malformed(reason, Evidence.hex(evidence));
    }
}
