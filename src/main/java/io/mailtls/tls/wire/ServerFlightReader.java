package io.mailtls.tls.wire;

import io.mailtls.net.Deadline;
import io.mailtls.tls.registry.ProtocolVersion;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Reads a server's answer to a ClientHello with strict, bounded reads: TLS records up to
 * ServerHelloDone (or up to the ServerHello in TLS 1.3, whose rest is encrypted), an alert, an
 * SSLv2 SERVER-HELLO or ERROR, or whatever else arrived. Never throws for what the peer sends.
 */
public final class ServerFlightReader {
    private final ByteSource source;
    private final WireLimits limits;
    private final Flight flight = new Flight();
    private int total;

    private ServerFlightReader(ByteSource source, WireLimits limits) {
        this.source = source;
        this.limits = limits;
    }

    /** Reads from a connected socket until the answer is complete or the deadline passes. */
    public static ServerResponse read(Socket socket, Deadline deadline, WireLimits limits) {
        try {
            return new ServerFlightReader(ByteSource.of(socket, deadline), limits).read();
        } catch (IOException e) {
            return new ServerResponse.Closed(true, "socket unusable: " + e.getMessage());
        }
    }

    /** Reads from bytes already received (tests, captures). */
    public static ServerResponse read(byte[] bytes, WireLimits limits) {
        return read(new ByteArrayInputStream(bytes), limits);
    }

    /** Reads from a stream whose own timeouts bound the wait. */
    public static ServerResponse read(InputStream in, WireLimits limits) {
        return new ServerFlightReader(ByteSource.of(in), limits).read();
    }

    private ServerResponse read() {
        byte[] head = new byte[5];
        try {
            int n = readFully(head, 0, 5);
            if (n == 0) {
                return new ServerResponse.Closed(false, "closed before answering");
            }
            int b0 = head[0] & 0xFF;
            boolean tlsType = b0 >= ContentType.CHANGE_CIPHER_SPEC && b0 <= ContentType.HEARTBEAT;
            if (tlsType && (n < 2 || head[1] == 3)) {
                return records(head, n);
            }
            if ((b0 & 0x80) != 0 && n >= 3 && ((head[2] & 0xFF) == 4 || head[2] == 0)) {
                return sslv2(head, n);
            }
            return notTls(head, n);
        } catch (SocketTimeoutException e) {
            return flight.onTimeout(total);
        } catch (SocketException e) {
            return flight.onReset(total, e.getMessage());
        } catch (IOException e) {
            return new ServerResponse.Closed(true, "read failed after " + total + " bytes: " + e.getMessage());
        }
    }

    private ServerResponse records(byte[] firstHead, int firstCount) throws IOException {
        byte[] head = firstHead;
        int have = firstCount;
        while (true) {
            if (have < 5) {
                if (have == 0) {
                    return flight.onEndOfStream(total);
                }
                return malformed("record header truncated after " + have + " bytes", head, have);
            }
            int type = head[0] & 0xFF;
            int version = (head[1] & 0xFF) << 8 | head[2] & 0xFF;
            int length = (head[3] & 0xFF) << 8 | head[4] & 0xFF;
            if (head[1] != 3) {
                return malformed("record version " + ProtocolVersion.nameOf(version) + " is not SSLv3/TLS", head, 5);
            }
            if (length > limits.maxRecordLength()) {
                return malformed("record length " + length + " exceeds " + limits.maxRecordLength(), head, 5);
            }
            if (total + length > limits.maxFlightBytes()) {
                return malformed("answer exceeds " + limits.maxFlightBytes() + " bytes", head, 5);
            }
            byte[] body = new byte[length];
            int got = readFully(body, 0, length);
            if (got < length) {
                return malformed("record truncated: header announced " + length + " bytes, got " + got,
                        concat(head, body, got), 5 + got);
            }
            Optional<ServerResponse> done = flight.onRecord(type, body, limits);
            if (done.isPresent()) {
                return done.get();
            }
            head = new byte[5];
            have = readFully(head, 0, 5);
        }
    }

    private ServerResponse sslv2(byte[] head, int have) throws IOException {
        int length = (head[0] & 0x7F) << 8 | head[1] & 0xFF;
        byte[] message = new byte[length];
        int copied = Math.min(have - 2, length);
        System.arraycopy(head, 2, message, 0, copied);
        int got = copied + readFully(message, copied, length - copied);
        if (got < length) {
            return malformed("SSLv2 message truncated: header announced " + length + " bytes, got " + got,
                    message, got);
        }
        try {
            return Sslv2ServerHelloParser.parse(message);
        } catch (DecodeException e) {
            return malformed("SSLv2: " + e.getMessage(), message, length);
        }
    }

    private ServerResponse notTls(byte[] head, int have) throws IOException {
        // Quote what is already buffered (e.g. "421 4.7.0 Too many connections"), without waiting for more.
        int extra = Math.min(source.available(), Evidence.MAX_BYTES - have);
        byte[] all = Arrays.copyOf(head, have + Math.max(0, extra));
        int got = have + (extra > 0 ? Math.max(0, source.read(all, have, extra)) : 0);
        return new ServerResponse.NotTls(Evidence.hex(all, 0, got), Evidence.printable(all, got));
    }

    private int readFully(byte[] b, int off, int len) throws IOException {
        int done = 0;
        while (done < len) {
            int n = source.read(b, off + done, len - done);
            if (n < 0) {
                break;
            }
            done += n;
            total += n;
        }
        return done;
    }

    private static ServerResponse malformed(String reason, byte[] evidence, int length) {
        return new ServerResponse.Malformed(reason, Evidence.hex(evidence, 0, length));
    }

    private static byte[] concat(byte[] a, byte[] b, int bLength) {
        byte[] out = Arrays.copyOf(a, a.length + bLength);
        System.arraycopy(b, 0, out, a.length, bLength);
        return out;
    }

    /** Certificates parsed from a Certificate message body, bounded in count. */
    static List<byte[]> certificates(byte[] body, int maxCertificates) throws DecodeException {
        ByteReader r = new ByteReader(body);
        ByteReader list = r.vector(3, "certificate_list");
        r.expectEnd("Certificate");
        List<byte[]> out = new ArrayList<>();
        while (list.hasRemaining()) {
            if (out.size() >= maxCertificates) {
                throw new DecodeException("more than " + maxCertificates + " certificates");
            }
            byte[] der = list.vectorBytes(3, "certificate");
            if (der.length == 0) {
                throw new DecodeException("empty certificate entry");
            }
            out.add(der);
        }
        return out;
    }
}
