package io.mailtls.lab;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Reads the text after DATA up to the lone dot (RFC 5321 section 4.1.1.4), removing dot-stuffing
 * (section 4.5.2), keeping at most the SIZE limit in memory and reading the rest only to find its end.
 */
final class MessageReader {

    /** The outcome of one DATA phase. */
    sealed interface Outcome permits Message, Oversize, LineTooLong, Closed {
    }

    /** The whole message, lines ending in CRLF. */
    record Message(byte[] content) implements Outcome {
    }

    /** The message was larger than the limit; its bytes were discarded. */
    record Oversize() implements Outcome {
    }

    /** A line exceeded the RFC's 1000 octets; the message was discarded. */
    record LineTooLong() implements Outcome {
    }

    /** The peer closed before the final dot. */
    record Closed() implements Outcome {
    }

    private MessageReader() {
    }

    static Outcome read(LineReader reader, int maxLine, int maxBytes) throws IOException {
        var content = new ByteArrayOutputStream();
        boolean oversize = false;
        boolean lineTooLong = false;
        while (true) {
            switch (reader.read(maxLine)) {
                case LineReader.End ignored -> {
                    return new Closed();
                }
                case LineReader.TooLong ignored -> lineTooLong = true;
                case LineReader.Line line -> {
                    String text = line.text();
                    if (text.equals(".")) {
                        return oversize ? new Oversize() : lineTooLong ? new LineTooLong()
                                : new Message(content.toByteArray());
                    }
                    byte[] bytes = (text.startsWith(".") ? text.substring(1) : text)
                            .getBytes(StandardCharsets.ISO_8859_1);
                    if (!oversize && content.size() + bytes.length + 2L > maxBytes) {
                        oversize = true;
                        content = new ByteArrayOutputStream();
                    }
                    if (!oversize) {
                        content.write(bytes);
                        content.write('\r');
                        content.write('\n');
                    }
                }
            }
        }
    }
}
