package io.mailtls.lab;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.junit.jupiter.api.Test;

class LineReaderTest {

    private static final String INPUT = "EHLO a\r\nNOOP\n" + "x".repeat(40) + "\r\nQUIT\r\n";

    @Test
    void splittingTheInputAtEveryOffsetGivesTheSameLines() throws IOException {
        List<String> whole = readAll(stream(INPUT));
        assertThat(whole).containsExactly("EHLO a", "NOOP", "<too long 42>", "QUIT", "<end>");
        byte[] bytes = INPUT.getBytes(StandardCharsets.ISO_8859_1);
        for (int split = 1; split < bytes.length; split++) {
            InputStream pieces = new SequenceInputStream(Collections.enumeration(List.of(
                    new ByteArrayInputStream(bytes, 0, split),
                    new ByteArrayInputStream(bytes, split, bytes.length - split))));
            assertThat(readAll(pieces)).as("split at %d", split).isEqualTo(whole);
        }
        assertThat(readAll(new OneByteAtATime(bytes))).isEqualTo(whole);
    }

    @Test
    void aLineOfExactlyTheLimitCountingItsCrlfFits() throws IOException {
        var reader = new LineReader(stream("x".repeat(38) + "\r\n" + "y".repeat(39) + "\r\n"));
        assertThat(reader.read(40)).isEqualTo(new LineReader.Line("x".repeat(38)));
        assertThat(reader.read(40)).isEqualTo(new LineReader.TooLong(41));
    }

    @Test
    void anEndlessLineIsSkippedInBoundedMemoryAndReportedOnce() throws IOException {
        byte[] huge = ("z".repeat(5_000_000) + "\r\nNOOP\r\n").getBytes(StandardCharsets.US_ASCII);
        var reader = new LineReader(new ByteArrayInputStream(huge));
        assertThat(reader.read(512)).isEqualTo(new LineReader.TooLong(5_000_002));
        assertThat(reader.read(512)).isEqualTo(new LineReader.Line("NOOP"));
        assertThat(reader.read(512)).isInstanceOf(LineReader.End.class);
    }

    @Test
    void bufferedBytesCanBeTakenAndPrefilledIntoANewReader() throws IOException {
        var reader = new LineReader(stream("STARTTLS\r\nNOOP\r\nRSET\r\n"));
        assertThat(reader.read(512)).isEqualTo(new LineReader.Line("STARTTLS"));
        byte[] pending = reader.takeBuffered();
        assertThat(new String(pending, StandardCharsets.US_ASCII)).isEqualTo("NOOP\r\nRSET\r\n");
        assertThat(reader.read(512)).isInstanceOf(LineReader.End.class);
        var next = new LineReader(stream("QUIT\r\n"), pending);
        assertThat(next.read(512)).isEqualTo(new LineReader.Line("NOOP"));
        assertThat(next.read(512)).isEqualTo(new LineReader.Line("RSET"));
        assertThat(next.read(512)).isEqualTo(new LineReader.Line("QUIT"));
    }

    @Test
    void bytesAreKeptOneToOne() throws IOException {
        byte[] raw = {'M', (byte) 0xe9, 0, (byte) 0xff, '\r', '\n'};
        var line = (LineReader.Line) new LineReader(new ByteArrayInputStream(raw)).read(512);
        assertThat(line.text().getBytes(StandardCharsets.ISO_8859_1)).containsExactly('M', 0xe9, 0, 0xff);
    }

    private static List<String> readAll(InputStream in) throws IOException {
        var reader = new LineReader(in);
        List<String> lines = new ArrayList<>();
        while (true) {
            switch (reader.read(20)) {
                case LineReader.Line line -> lines.add(line.text());
                case LineReader.TooLong tooLong -> lines.add("<too long " + tooLong.length() + ">");
                case LineReader.End end -> {
                    lines.add("<end>");
                    return lines;
                }
            }
        }
    }

    private static InputStream stream(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.ISO_8859_1));
    }

    /** A stream that hands out one byte per read, as a dripping peer would. */
    private static final class OneByteAtATime extends InputStream {
        private final byte[] bytes;
        private int next;

        OneByteAtATime(byte[] bytes) {
            this.bytes = bytes;
        }

        @Override
        public int read() {
            return next < bytes.length ? bytes[next++] & 0xff : -1;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) {
            if (next >= bytes.length) {
                return -1;
            }
            buffer[offset] = bytes[next++];
            return 1;
        }
    }
}
