package io.mailtls.policy.mtasts;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.ProtocolException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads one HTTP/1.1 response with a bound on every line, on the header block and on the body. */
final class HttpResponseReader {
    static final int MAX_LINE = 8192;
    static final int MAX_HEADERS = 100;
    private static final Pattern STATUS = Pattern.compile("HTTP/1\\.[01] ([0-9]{3})(?: .*)?");

    /** The status line and headers. */
    record Head(int status, String statusLine, List<String[]> headers) {
        /** The first value of header {@code name} (case-insensitive), or null. */
        String header(String name) {
            return headers.stream().filter(h -> h[0].equalsIgnoreCase(name)).map(h -> h[1]).findFirst().orElse(null);
        }
    }

    /** The body exceeded the limit; the message says how it was noticed. */
    static final class TooLarge extends IOException {
        TooLarge(String message) {
            super(message);
        }
    }

    private final InputStream in;

    HttpResponseReader(InputStream in) {
        this.in = in;
    }

    Head readHead() throws IOException {
        String statusLine = readLine("status line");
        Matcher m = STATUS.matcher(statusLine);
        if (!m.matches()) {
            throw new ProtocolException("not an HTTP/1.x status line: '" + clip(statusLine) + "'");
        }
        List<String[]> headers = new ArrayList<>();
        while (true) {
            String line = readLine("header");
            if (line.isEmpty()) {
                break;
            }
            if (headers.size() >= MAX_HEADERS) {
                throw new ProtocolException("more than " + MAX_HEADERS + " header lines");
            }
            int colon = line.indexOf(':');
            if (colon <= 0) {
                throw new ProtocolException("malformed header line '" + clip(line) + "'");
            }
            headers.add(new String[] {line.substring(0, colon).strip(), line.substring(colon + 1).strip()});
        }
        return new Head(Integer.parseInt(m.group(1)), statusLine, headers);
    }

    /** Reads the body per Content-Length, chunked encoding, or until the connection closes. */
    byte[] readBody(Head head, int limit) throws IOException {
        String encoding = head.header("Transfer-Encoding");
        if (encoding != null && encoding.toLowerCase(Locale.ROOT).contains("chunked")) {
            return readChunked(limit);
        }
        String length = head.header("Content-Length");
        if (length != null) {
            long declared;
            try {
                declared = Long.parseLong(length.strip());
            } catch (NumberFormatException e) {
                throw new ProtocolException("Content-Length '" + clip(length) + "' is not a number");
            }
            if (declared < 0) {
                throw new ProtocolException("Content-Length " + declared + " is negative");
            }
            if (declared > limit) {
                throw new TooLarge("Content-Length " + declared + " exceeds the " + limit + "-byte limit");
            }
            byte[] body = in.readNBytes((int) declared);
            if (body.length < declared) {
                throw new ProtocolException("body ended after " + body.length + " of " + declared + " bytes");
            }
            return body;
        }
        byte[] body = in.readNBytes(limit + 1);
        if (body.length > limit) {
            throw new TooLarge("body is more than " + limit + " bytes (stopped reading)");
        }
        return body;
    }

    private byte[] readChunked(int limit) throws IOException {
        var body = new ByteArrayOutputStream();
        while (true) {
            String sizeLine = readLine("chunk size");
            int semicolon = sizeLine.indexOf(';');
            String hex = (semicolon >= 0 ? sizeLine.substring(0, semicolon) : sizeLine).strip();
            long size;
            try {
                if (hex.isEmpty() || !hex.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
                    throw new NumberFormatException(hex);
                }
                size = hex.length() > 8 ? Long.MAX_VALUE : Long.parseLong(hex, 16);
            } catch (NumberFormatException e) {
                throw new ProtocolException("chunk size '" + clip(sizeLine) + "' is not hexadecimal");
            }
            if (size == 0) {
                while (!readLine("trailer").isEmpty()) {
                    // Trailers carry nothing a policy needs; bounded by the line limit and the deadline.
                }
                return body.toByteArray();
            }
            if (body.size() + size > limit) {
                throw new TooLarge("chunked body is more than " + limit + " bytes (stopped reading)");
            }
            byte[] chunk = in.readNBytes((int) size);
            if (chunk.length < size) {
                throw new ProtocolException("chunk ended after " + chunk.length + " of " + size + " bytes");
            }
            body.write(chunk);
            if (!readLine("chunk end").isEmpty()) {
                throw new ProtocolException("chunk data not followed by CRLF");
            }
        }
    }

    /** Reads up to LF, dropping a CR before it; bounded by {@link #MAX_LINE}. */
    private String readLine(String what) throws IOException {
        var line = new ByteArrayOutputStream();
        while (true) {
            int b = in.read();
            if (b < 0) {
                throw new ProtocolException("connection closed while reading the " + what
                        + (line.size() > 0 ? " ('" + clip(line.toString(StandardCharsets.ISO_8859_1)) + "')" : ""));
            }
            if (b == '\n') {
                byte[] bytes = line.toByteArray();
                int n = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
                return new String(bytes, 0, n, StandardCharsets.ISO_8859_1);
            }
            if (line.size() >= MAX_LINE) {
                throw new ProtocolException("the " + what + " is longer than " + MAX_LINE + " bytes");
            }
            line.write(b);
        }
    }

    static String clip(String s) {
        return io.mailtls.policy.TagRecord.clip(s);
    }
}
