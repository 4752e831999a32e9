package io.mailtls.lab.domain.mtasts;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.ProtocolException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * The parts of one HTTP/1.1 request head the policy host routes on, read with a bound on the whole
 * head so a client sending an endless header cannot grow the server.
 *
 * @param method the request method
 * @param path   the request target without a query string
 * @param host   the Host header without a port, lower case; null when absent
 */
record PolicyRequest(String method, String path, String host) {

    /** The whole request head (request line and headers) may not exceed this. */
    static final int MAX_HEAD = 8192;

    /**
     * Reads the head up to its empty line.
     *
     * @throws ProtocolException when the head is too long, ends early or has no valid request line
     */
    static PolicyRequest read(InputStream in) throws IOException {
        var head = new ByteArrayOutputStream();
        int state = 0; // how much of CR LF CR LF (or LF LF) has been seen
        while (true) {
            int b = in.read();
            if (b < 0) {
                throw new ProtocolException("the request head ended after " + head.size() + " bytes");
            }
            if (head.size() >= MAX_HEAD) {
                throw new ProtocolException("request head longer than " + MAX_HEAD + " bytes");
            }
            head.write(b);
            if (b == '\n') {
                state = state >= 1 ? 2 : 1;
                if (state == 2) {
                    break;
                }
            } else if (b != '\r') {
                state = 0;
            }
        }
        String[] lines = head.toString(StandardCharsets.ISO_8859_1).split("\r?\n");
        String[] requestLine = lines[0].split(" ");
        if (requestLine.length != 3 || !requestLine[2].startsWith("HTTP/1.")) {
            throw new ProtocolException("not an HTTP/1.x request line");
        }
        String path = requestLine[1];
        int query = path.indexOf('?');
        if (query >= 0) {
            path = path.substring(0, query);
        }
        String host = null;
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon > 0 && lines[i].substring(0, colon).strip().equalsIgnoreCase("Host")) {
                host = stripPort(lines[i].substring(colon + 1).strip().toLowerCase(Locale.ROOT));
                break;
            }
        }
        return new PolicyRequest(requestLine[0], path, host);
    }

    private static String stripPort(String host) {
        if (host.startsWith("[")) {
            return host; // an IPv6 literal: no policy host is named that way
        }
        int colon = host.lastIndexOf(':');
        String name = colon >= 0 ? host.substring(0, colon) : host;
        return name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
    }
}
