package io.mailtls.lab;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;

/**
 * A deliberately minimal SMTP client for the lab's tests, independent of mailtls's own SMTP code:
 * raw socket, bounded reads, a JDK SSLSocket for STARTTLS.
 */
final class RawSmtpClient implements AutoCloseable {

    /** One SMTP reply: its code and the text of each line after the code and separator. */
    record Reply(int code, List<String> lines) {
        String last() {
            return lines.getLast();
        }

        boolean hasLine(String text) {
            return lines.stream().anyMatch(line -> line.equalsIgnoreCase(text));
        }
    }

    static final int TIMEOUT_MS = 10_000;
    private static final int MAX_LINE = 64 * 1024;

    private final Socket plain;
    private Socket current;
    private InputStream in;
    private OutputStream out;

    private RawSmtpClient(Socket socket) throws IOException {
        this.plain = socket;
        use(socket);
    }

    static RawSmtpClient connect(InetSocketAddress address) throws IOException {
        var socket = new Socket();
        socket.connect(address, TIMEOUT_MS);
        socket.setSoTimeout(TIMEOUT_MS);
        return new RawSmtpClient(socket);
    }

    /** Reads one complete reply, checking that every line carries the same code. */
    Reply reply() throws IOException {
        List<String> lines = new ArrayList<>();
        int code = -1;
        while (true) {
            String line = line();
            if (line.length() < 3 || (line.length() > 3 && line.charAt(3) != ' ' && line.charAt(3) != '-')) {
                throw new IOException("not an SMTP reply line: " + line);
            }
            int lineCode = Integer.parseInt(line.substring(0, 3));
            if (code >= 0 && lineCode != code) {
                throw new IOException("reply code changed within a reply: " + line);
            }
            code = lineCode;
            lines.add(line.length() > 4 ? line.substring(4) : "");
            if (line.length() == 3 || line.charAt(3) == ' ') {
                return new Reply(code, lines);
            }
        }
    }

    /** Sends a command line and reads its reply. */
    Reply command(String line) throws IOException {
        send(line);
        return reply();
    }

    void send(String line) throws IOException {
        sendRaw((line + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
    }

    void sendRaw(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    /** One raw read of up to {@code max} bytes; an empty array at end of stream. */
    byte[] readSome(int max) throws IOException {
        byte[] buffer = new byte[max];
        int n = in.read(buffer);
        return n < 0 ? new byte[0] : java.util.Arrays.copyOf(buffer, n);
    }

    /** Reads until end of stream (bounded), returning everything read. */
    byte[] readToEnd(int max) throws IOException {
        var all = new ByteArrayOutputStream();
        byte[] buffer = new byte[4096];
        int n;
        while ((n = in.read(buffer)) >= 0) {
            all.write(buffer, 0, n);
            if (all.size() > max) {
                throw new IOException("more than " + max + " bytes before end of stream");
            }
        }
        return all.toByteArray();
    }

    /** Layers client TLS over the connection (after a 220 to STARTTLS), checking the name {@code host}. */
    SSLSocket startTls(SSLContext context, String host, Consumer<SSLParameters> tweak) throws IOException {
        var ssl = (SSLSocket) context.getSocketFactory().createSocket(plain, host, plain.getPort(), true);
        SSLParameters parameters = ssl.getSSLParameters();
        parameters.setServerNames(List.of(new javax.net.ssl.SNIHostName(host)));
        tweak.accept(parameters);
        ssl.setSSLParameters(parameters);
        ssl.setSoTimeout(TIMEOUT_MS);
        ssl.startHandshake();
        use(ssl);
        return ssl;
    }

    private void use(Socket socket) throws IOException {
        current = socket;
        in = socket.getInputStream();
        out = socket.getOutputStream();
    }

    private String line() throws IOException {
        var line = new ByteArrayOutputStream();
        while (true) {
            int b = in.read();
            if (b < 0) {
                throw new EOFException("connection closed after " + line.size() + " bytes of a line");
            }
            if (b == '\n') {
                byte[] bytes = line.toByteArray();
                int length = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
                return new String(bytes, 0, length, StandardCharsets.ISO_8859_1);
            }
            line.write(b);
            if (line.size() > MAX_LINE) {
                throw new IOException("line longer than " + MAX_LINE + " bytes");
            }
        }
    }

    @Override
    public void close() throws IOException {
        current.close();
        plain.close();
    }
}
