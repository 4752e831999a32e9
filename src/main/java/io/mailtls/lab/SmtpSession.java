package io.mailtls.lab;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

import javax.net.ssl.SSLSocket;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.mailtls.lab.Plan.Offer;
import io.mailtls.lab.Plan.Pace;
import io.mailtls.lab.Plan.StartTls;
import io.mailtls.lab.pki.LabPki;
import io.mailtls.lab.record.ClientHelloPeek;
import io.mailtls.lab.record.ConductLog;
import io.mailtls.lab.record.HandshakeFailure;
import io.mailtls.lab.tls.ServerTls;
import io.mailtls.lab.tls.TlsProfile;

/**
 * One SMTP server session (RFC 5321) with the STARTTLS state rules of RFC 3207, bent at each
 * phase as the scenario's {@link Plan} says. Runs on its own virtual thread and never throws:
 * every ending, clean or not, becomes the {@link SessionRecord}'s {@code end}.
 */
final class SmtpSession {

    /** What a session needs from its endpoint. */
    record Context(Scenario scenario, LabConfig config, ServerTls tls, Consumer<ReceivedMessage> store) {
    }

    /** RFC 5321 section 4.5.3.1.4: a command line is at most 512 octets with its CRLF. */
    static final int MAX_COMMAND_LINE = 512;
    /** RFC 5321 section 4.5.3.1.6: a text line is at most 1000 octets with its CRLF. */
    static final int MAX_TEXT_LINE = 1000;
    /** RFC 5321 section 4.5.3.1.8: the minimum a server must accept, and our maximum. */
    static final int MAX_RECIPIENTS = 100;
    /** Bad commands tolerated before the session is ended with 421. */
    static final int MAX_ERRORS = 20;

    private static final Logger LOG = LoggerFactory.getLogger(SmtpSession.class);
    private static final String HOST = LabPki.HOST;
    private static final byte[] GARBAGE = "this is not TLS: mailtls lab garbage-after-starttls\r\n"
            .repeat(32).getBytes(StandardCharsets.US_ASCII);
    private static final byte[] ENDLESS_CHUNK = "mailtls-lab-endless-line-".repeat(160)
            .getBytes(StandardCharsets.US_ASCII);

    private final Socket socket;
    private final Context context;
    private final Plan plan;
    private final long number;
    private final Instant started = Instant.now();
    private final List<String> commands = new ArrayList<>();
    private int commandsDropped;
    private final ConductLog conduct = new ConductLog();

    private LineReader reader;
    private ReplyWriter writer;
    private SSLSocket tlsSocket;
    private boolean helloDone;
    private boolean rejected;
    private String mailFrom;
    private final List<String> recipients = new ArrayList<>();
    private int errors;
    private int messages;
    private String end = "unknown";

    SmtpSession(Socket socket, Context context, long number) {
        this.socket = socket;
        this.context = context;
        this.plan = context.scenario().plan();
        this.number = number;
    }

    /** Holds the whole conversation and returns what happened; closes the TLS layer, not the socket. */
    SessionRecord run() {
        try {
            converse();
        } catch (SocketTimeoutException e) {
            end = "idle timeout";
            SessionIo.quietly(() -> writer.reply(421, "4.4.2 " + HOST + " Error: timeout exceeded"));
        } catch (InterruptedIOException e) {
            end = "lab shutting down";
        } catch (IOException e) {
            end = "connection error: " + SessionIo.describe(e);
        } catch (RuntimeException e) {
            LOG.warn("lab session {} #{} failed", context.scenario(), number, e);
            end = "lab error: " + e;
        } finally {
            if (tlsSocket != null) {
                SessionIo.quietly(tlsSocket::close);
            }
        }
        String cipher = tlsSocket == null ? null : TlsProfile.ianaName(tlsSocket.getSession().getCipherSuite());
        String protocol = tlsSocket == null ? null : tlsSocket.getSession().getProtocol();
        List<String> verbs = new ArrayList<>(commands);
        if (commandsDropped > 0) {
            verbs.add("+" + commandsDropped);
        }
        return new SessionRecord(context.scenario(), number, (InetSocketAddress) socket.getRemoteSocketAddress(),
                started, Duration.between(started, Instant.now()), verbs, protocol, cipher, messages, end,
                conduct.build());
    }

    private void converse() throws IOException {
        socket.setSoTimeout(SessionIo.millis(context.config().idleTimeout()));
        socket.setTcpNoDelay(true);
        reader = new LineReader(socket.getInputStream());
        writer = newWriter(socket.getOutputStream());
        if (!greet()) {
            return;
        }
        while (true) {
            switch (reader.read(MAX_COMMAND_LINE)) {
                case LineReader.End ignored -> {
                    end = "client closed";
                    return;
                }
                case LineReader.TooLong tooLong -> {
                    note("<" + tooLong.length() + " bytes>");
                    if (!error(500, "5.5.2 Error: line too long")) {
                        return;
                    }
                }
                case LineReader.Line line -> {
                    if (!handle(line.text())) {
                        return;
                    }
                }
            }
        }
    }

    /** Phase "connect"; false when the session ends with the greeting. */
    private boolean greet() throws IOException {
        switch (plan.greeting()) {
            case READY -> writer.reply(220, HOST + " ESMTP mailtls lab (" + context.scenario().id() + ")");
            case DELAYED -> {
                ReplyWriter.pause(context.config().greetingDelay());
                writer.reply(220, HOST + " ESMTP mailtls lab (slow)");
            }
            case THROTTLED -> {
                writer.reply(421, "4.7.0 " + HOST + " Too many connections, try again later");
                end = "throttled";
                return false;
            }
            case REJECTED -> {
                writer.reply(554, "5.7.1 " + HOST + " No SMTP service here");
                rejected = true;
            }
            case HOSTILE_BANNER -> writer.reply(220, HOST + " ESMTP <script>alert(1)</script>"
                    + " \u001b[31;1mHOSTILE\u001b[0m \u001b]0;owned\u0007 mailtls lab");
            case ENDLESS -> {
                endlessLine();
                return false;
            }
        }
        return true;
    }

    /** Writes one line that never ends, until the client gives up or the session lifetime is over. */
    private void endlessLine() throws IOException {
        OutputStream out = socket.getOutputStream();
        Instant deadline = started.plus(context.config().sessionLifetime());
        long written = 0;
        try {
            out.write(("220 " + HOST + " ").getBytes(StandardCharsets.US_ASCII));
            while (Instant.now().isBefore(deadline)) {
                out.write(ENDLESS_CHUNK);
                written += ENDLESS_CHUNK.length;
            }
            end = "endless line: stopped after " + written + " bytes: session lifetime over";
        } catch (IOException e) {
            end = "endless line: stopped after " + written + " bytes: " + SessionIo.describe(e);
        }
    }

    /** One command line; false when the session ends. */
    private boolean handle(String line) throws IOException {
        int space = line.indexOf(' ');
        String verb = (space < 0 ? line : line.substring(0, space)).toUpperCase(Locale.ROOT);
        String argument = space < 0 ? "" : line.substring(space + 1).strip();
        note(verb.matches("[A-Z]{1,12}") ? verb : "<junk>");
        if (rejected && !verb.equals("QUIT")) {
            return error(503, "5.5.1 Error: no valid greeting, only QUIT is accepted");
        }
        return switch (verb) {
            case "EHLO" -> hello(argument, true);
            case "HELO" -> hello(argument, false);
            case "STARTTLS" -> startTls(argument);
            case "MAIL" -> mail(argument);
            case "RCPT" -> rcpt(argument);
            case "DATA" -> data(argument);
            case "RSET" -> {
                resetTransaction();
                yield reply(250, "2.0.0 Ok");
            }
            case "NOOP" -> reply(250, "2.0.0 Ok");
            case "VRFY" -> reply(252, "2.0.0 Cannot VRFY user, but will accept message and attempt delivery");
            case "HELP" -> reply(214, "2.0.0 See RFC 5321");
            case "AUTH" -> authOffered()
                    ? error(535, "5.7.8 Error: authentication failed")
                    : error(502, "5.5.1 Error: command not implemented");
            case "QUIT" -> {
                writer.reply(221, "2.0.0 Bye");
                end = "QUIT";
                yield false;
            }
            default -> error(500, "5.5.2 Error: command not recognized");
        };
    }

    private boolean hello(String argument, boolean extended) throws IOException {
        if (argument.isEmpty()) {
            return error(501, "5.5.4 Syntax: " + (extended ? "EHLO" : "HELO") + " hostname");
        }
        resetTransaction();
        helloDone = true;
        conduct.hello(argument);
        if (!extended) {
            return reply(250, HOST);
        }
        List<String> lines = new ArrayList<>(List.of(HOST, "PIPELINING", "SIZE " + context.config().maxMessageBytes()));
        if (tlsSocket == null && plan.offer() != Offer.NO_STARTTLS) {
            lines.add("STARTTLS");
        }
        if (authOffered()) {
            lines.add("AUTH PLAIN LOGIN");
        }
        lines.add("ENHANCEDSTATUSCODES");
        lines.add("8BITMIME");
        writer.reply(250, lines);
        return true;
    }

    /** Phase "STARTTLS" (RFC 3207 section 4). */
    private boolean startTls(String argument) throws IOException {
        conduct.startTls();
        if (!argument.isEmpty()) {
            return error(501, "5.5.4 Syntax error (no parameters allowed)");
        }
        if (tlsSocket != null) {
            return error(503, "5.5.1 Error: TLS already active");
        }
        if (plan.offer() == Offer.NO_STARTTLS) {
            return error(502, "5.5.1 Error: command not implemented");
        }
        if (plan.startTls() == StartTls.REFUSE) {
            return reply(454, "4.7.0 TLS not available due to temporary reason");
        }
        writer.reply(220, "2.0.0 Ready to start TLS");
        switch (plan.startTls()) {
            case CLOSE_AFTER_READY -> {
                end = "closed after 220 to STARTTLS";
                return false;
            }
            case GARBAGE_AFTER_READY -> {
                socket.getOutputStream().write(GARBAGE);
                socket.getOutputStream().flush();
                end = "sent " + GARBAGE.length + " plaintext bytes instead of TLS";
                return false;
            }
            default -> {
                return handshake();
            }
        }
    }

    private boolean handshake() throws IOException {
        byte[] pipelined = reader.takeBuffered();
        // The ClientHello is read here, as offered, and every byte read is replayed into the JDK's handshake.
        ClientHelloPeek.Result hello = ClientHelloPeek.read(socket, context.config().handshakeTimeout());
        conduct.clientHello(hello.parse(), hello.bytes().length);
        if (hello.failure() != null) {
            conduct.handshakeFailed(hello.failure());
            end = "TLS handshake failed: " + hello.failure().detail();
            return false;
        }
        try {
            tlsSocket = context.tls().handshake(socket, hello.bytes(), context.config().handshakeTimeout());
        } catch (IOException e) {
            conduct.handshakeFailed(HandshakeFailure.of(e, SessionIo.describe(e)));
            end = "TLS handshake failed: " + SessionIo.describe(e);
            return false;
        }
        tlsSocket.setSoTimeout(SessionIo.millis(context.config().idleTimeout()));
        boolean answer = plan.startTls() == StartTls.ANSWER_INJECTED;
        if (pipelined.length > 0) {
            LOG.debug("{} #{}: {} {} plaintext bytes pipelined behind STARTTLS", context.scenario(), number,
                    answer ? "answering" : "discarding", pipelined.length);
        }
        reader = new LineReader(tlsSocket.getInputStream(), answer ? pipelined : new byte[0]);
        writer = newWriter(tlsSocket.getOutputStream());
        // RFC 3207 section 4.2: forget everything learned from the client before TLS.
        helloDone = false;
        resetTransaction();
        return true;
    }

    private boolean mail(String argument) throws IOException {
        if (!helloDone) {
            return error(503, "5.5.1 Error: send HELO/EHLO first");
        }
        if (mailFrom != null) {
            return error(503, "5.5.1 Error: nested MAIL command");
        }
        var path = MailPath.parse("FROM:", argument);
        if (path.isEmpty()) {
            return error(501, "5.5.4 Syntax: MAIL FROM:<address>");
        }
        if (path.get().declaredSize().orElse(0) > context.config().maxMessageBytes()) {
            return reply(552, "5.3.4 Message size exceeds fixed limit");
        }
        mailFrom = path.get().address();
        conduct.mail(mailFrom, tlsSocket != null);
        return reply(250, "2.1.0 Ok");
    }

    private boolean rcpt(String argument) throws IOException {
        if (mailFrom == null) {
            return error(503, "5.5.1 Error: need MAIL command");
        }
        var path = MailPath.parse("TO:", argument);
        if (path.isEmpty() || path.get().address().isEmpty()) {
            return error(501, "5.5.4 Syntax: RCPT TO:<address>");
        }
        if (recipients.size() >= MAX_RECIPIENTS) {
            return reply(452, "4.5.3 Error: too many recipients");
        }
        recipients.add(path.get().address());
        conduct.recipient();
        return reply(250, "2.1.5 Ok");
    }

    /** DATA (RFC 5321 section 4.1.1.4), kept in memory up to the SIZE limit, dot-unstuffed. */
    private boolean data(String argument) throws IOException {
        if (!argument.isEmpty()) {
            return error(501, "5.5.4 Syntax: DATA");
        }
        if (mailFrom == null) {
            return error(503, "5.5.1 Error: need MAIL command");
        }
        if (recipients.isEmpty()) {
            return error(503, "5.5.1 Error: need RCPT command");
        }
        writer.reply(354, "End data with <CR><LF>.<CR><LF>");
        MessageReader.Outcome outcome = MessageReader.read(reader, MAX_TEXT_LINE, context.config().maxMessageBytes());
        String from = mailFrom;
        List<String> to = List.copyOf(recipients);
        resetTransaction();
        return switch (outcome) {
            case MessageReader.Closed ignored -> {
                end = "client closed during DATA";
                yield false;
            }
            case MessageReader.Oversize ignored -> reply(552, "5.3.4 Error: message too big");
            case MessageReader.LineTooLong ignored -> error(500, "5.5.2 Error: line too long in message");
            case MessageReader.Message message -> {
                messages++;
                conduct.delivered(message.content().length);
                context.store().accept(new ReceivedMessage(context.scenario(), from, to, message.content(),
                        tlsSocket != null, Instant.now()));
                yield reply(250, "2.0.0 Ok: queued as " + context.scenario().id() + "-" + number + "-" + messages);
            }
        };
    }

    private boolean authOffered() {
        return plan.offer() == Offer.AUTH_BEFORE_TLS;
    }

    private void resetTransaction() {
        mailFrom = null;
        recipients.clear();
    }

    private boolean reply(int code, String text) throws IOException {
        writer.reply(code, text);
        return true;
    }

    /** A rejection that counts towards {@link #MAX_ERRORS}; false when the limit ends the session. */
    private boolean error(int code, String text) throws IOException {
        writer.reply(code, text);
        if (++errors >= MAX_ERRORS) {
            writer.reply(421, "4.7.0 " + HOST + " Error: too many errors");
            end = "too many errors";
            return false;
        }
        return true;
    }

    private void note(String verb) {
        if (commands.size() < SessionRecord.MAX_COMMANDS - 1) {
            commands.add(verb);
        } else {
            commandsDropped++;
        }
    }

    private ReplyWriter newWriter(OutputStream out) {
        return new ReplyWriter(out, plan.pace() == Pace.DRIP ? context.config().dripDelay() : null);
    }
}
