package io.mailtls.lab.record;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.Arrays;

import io.mailtls.tls.wire.ClientHelloParse;
import io.mailtls.tls.wire.ClientHelloParser;

/**
 * Reads a client's first TLS records from a plain socket after the 220 to STARTTLS, far enough to
 * parse its ClientHello as offered, before the JDK's handshake runs. Every byte read must then be
 * handed to the JDK (as the {@code consumed} stream of
 * {@link javax.net.ssl.SSLSocketFactory#createSocket(Socket, InputStream, boolean)}), so the
 * handshake sees exactly what the client sent and the peek changes nothing about it.
 */
public final class ClientHelloPeek {

    /** The most bytes read: a 64 KiB ClientHello (the parser's limit) in full records, plus headers. */
    public static final int MAX_BYTES = 64 * 1024 + 8 * 5 + 1024;
    /** A hello split into more records than this is pathological; the JDK gets it unparsed. */
    public static final int MAX_RECORDS = 8;

    private static final int RECORD_HEADER = 5;

    private ClientHelloPeek() {
    }

    /**
     * What was read.
     *
     * @param bytes   every byte read from the socket, to be replayed into the handshake
     * @param parse   the ClientHello, or why it is malformed, or {@code Incomplete} when the reading stopped early
     * @param failure why the reading stopped before a complete hello (timeout, close), or null; with a
     *                failure there is nothing for a handshake to do
     */
    public record Result(byte[] bytes, ClientHelloParse parse, HandshakeFailure failure) {
        public Result {
            bytes = bytes.clone();
        }

        @Override
        public byte[] bytes() {
            return bytes.clone();
        }
    }

    /**
     * Reads until the records hold a complete ClientHello, the bytes cannot be one, {@link #MAX_BYTES}
     * are read, the client closes, or {@code timeout} passes. Never throws.
     */
    public static Result read(Socket socket, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        byte[] buffer = new byte[2048];
        int length = 0;
        ClientHelloParse parse = new ClientHelloParse.Incomplete();
        try {
            InputStream in = socket.getInputStream();
            while (parse instanceof ClientHelloParse.Incomplete) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new SocketTimeoutException("no complete ClientHello within " + timeout.toMillis()
                            + " ms (" + length + " bytes read)");
                }
                socket.setSoTimeout((int) Math.max(1, Math.min(Integer.MAX_VALUE, left / 1_000_000)));
                if (length == buffer.length) {
                    buffer = Arrays.copyOf(buffer, Math.min(MAX_BYTES, buffer.length * 2));
                }
                int n = in.read(buffer, length, buffer.length - length);
                if (n < 0) {
                    throw new EOFException("the client closed the connection after " + length
                            + " bytes, before a complete ClientHello");
                }
                int before = length;
                length += n;
                parse = next(buffer, before, length);
            }
        } catch (IOException e) {
            return new Result(Arrays.copyOf(buffer, length), parse, HandshakeFailure.of(e, describe(e)));
        }
        return new Result(Arrays.copyOf(buffer, length), parse, null);
    }

    /**
     * Parses only when a record boundary was crossed, so a client dripping one byte at a time costs
     * one parse per record, not one per byte.
     */
    private static ClientHelloParse next(byte[] buffer, int before, int length) {
        int records = 0;
        int end = 0;
        while (end + RECORD_HEADER <= length) {
            int recordLength = (buffer[end + 3] & 0xFF) << 8 | buffer[end + 4] & 0xFF;
            int recordEnd = end + RECORD_HEADER + recordLength;
            if (recordEnd > length) {
                break;
            }
            records++;
            end = recordEnd;
        }
        boolean notTls = length >= RECORD_HEADER && (buffer[0] != 0x16 || buffer[1] != 3);
        ClientHelloParse parse = new ClientHelloParse.Incomplete();
        if (notTls || end > before) {
            parse = ClientHelloParser.parseRecords(Arrays.copyOf(buffer, length));
        }
        if (parse instanceof ClientHelloParse.Incomplete) {
            if (records >= MAX_RECORDS) {
                return new ClientHelloParse.Malformed("ClientHello spread over more than " + MAX_RECORDS
                        + " records", "");
            }
            if (length >= MAX_BYTES) {
                return new ClientHelloParse.Malformed("no complete ClientHello in " + MAX_BYTES + " bytes", "");
            }
        }
        return parse;
    }

    private static String describe(Throwable error) {
        return error.getMessage() == null ? error.getClass().getSimpleName() : error.getMessage();
    }
}
