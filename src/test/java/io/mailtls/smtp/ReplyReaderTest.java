package io.mailtls.smtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ReplyReaderTest {
    private static final String EHLO = "250-mx.example.org Hello\r\n250-PIPELINING\r\n250-SIZE 10240000\r\n"
            + "250-STARTTLS\r\n250-ENHANCEDSTATUSCODES\r\n250 8BITMIME\r\n";

    private static Reply read(InputStream in) throws IOException {
        return new ReplyReader(in, ms -> { }).read(5_000, l -> { });
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    @Test
    void readsAMultiLineReplySplitAtEveryByteOffset() throws IOException {
        byte[] data = bytes(EHLO + "220 2.0.0 Ready to start TLS\r\n");
        for (int cut = 1; cut < data.length; cut++) {
            ReplyReader r = new ReplyReader(new ChunkedInputStream(data, cut), ms -> { });
            Reply ehlo = r.read(5_000, l -> { });
            assertThat(ehlo.code()).as("cut at %d", cut).isEqualTo(250);
            assertThat(ehlo.lines()).as("cut at %d", cut).containsExactly("mx.example.org Hello", "PIPELINING",
                    "SIZE 10240000", "STARTTLS", "ENHANCEDSTATUSCODES", "8BITMIME");
            Reply next = r.read(5_000, l -> { });
            assertThat(next.code()).isEqualTo(220);
            assertThat(next.enhancedCode()).isEqualTo("2.0.0");
        }
    }

    @Test
    void readsEveryByteSeparately() throws IOException {
        byte[] data = bytes(EHLO);
        int[] cuts = new int[data.length];
        for (int i = 0; i < cuts.length; i++) {
            cuts[i] = i + 1;
        }
        assertThat(read(new ChunkedInputStream(data, cuts)).lines()).hasSize(6);
    }

    @Test
    void doesNotConsumeBytesBeyondTheReplyItReturns() throws IOException {
        ReplyReader r = new ReplyReader(new ChunkedInputStream(bytes("220 go ahead\r\n\u0016\u0003\u0001junk")), ms -> { });
        assertThat(r.read(1000, l -> { }).code()).isEqualTo(220);
        assertThat(new String(r.takeBuffered(), StandardCharsets.ISO_8859_1)).isEqualTo("\u0016\u0003\u0001junk");
    }

    @Test
    void acceptsBareLineFeedsAndACodeWithoutText() throws IOException {
        assertThat(read(new ChunkedInputStream(bytes("250-a\n250\n"))).lines()).containsExactly("a", "");
    }

    @Test
    void rejectsMixedCodesWithEvidence() {
        assertThatThrownBy(() -> read(new ChunkedInputStream(bytes("250-first\r\n251 second\r\n"))))
                .isInstanceOf(MalformedReplyException.class)
                .hasMessageContaining("mixes codes 250 and 251")
                .extracting(e -> ((MalformedReplyException) e).evidence()).isEqualTo("251 second");
    }

    @ParameterizedTest
    @ValueSource(strings = {"250_bad separator\r\n", "hello\r\n", "25\r\n", "2x0 x\r\n", "650 no\r\n"})
    void rejectsBadSyntax(String reply) {
        assertThatThrownBy(() -> read(new ChunkedInputStream(bytes(reply)))).isInstanceOf(MalformedReplyException.class);
    }

    @Test
    void rejectsAnOverlongLine() {
        String longLine = "220 " + "x".repeat(10_000) + "\r\n";
        assertThatThrownBy(() -> read(new ChunkedInputStream(bytes(longLine), 100, 3000)))
                .isInstanceOf(MalformedReplyException.class).hasMessageContaining("longer than 2048");
    }

    @Test
    void rejectsTooManyLines() {
        String many = "250-x\r\n".repeat(150) + "250 end\r\n";
        assertThatThrownBy(() -> read(new ChunkedInputStream(bytes(many))))
                .isInstanceOf(MalformedReplyException.class).hasMessageContaining("more than 100 lines");
    }

    @Test
    void stripsControlCharactersFromWhatItReturns() throws IOException {
        Reply r = read(new ChunkedInputStream(bytes("220 evil\u001b[31mred\u0007\r\n")));
        assertThat(r.lines().getFirst()).isEqualTo("evil\\x1b[31mred\\x07");
    }

    @Test
    void reportsAClosedConnectionMidReply() {
        assertThatThrownBy(() -> read(new ChunkedInputStream(bytes("250-first\r\n250-sec"))))
                .isInstanceOf(EOFException.class).hasMessageContaining("middle of a reply");
    }

    @Test
    void aReplyThatNeverEndsTimesOutWithWhatArrived() throws IOException {
        // A pipe whose writer keeps the line open: the reader must give up at its deadline, not hang.
        PipedOutputStream w = new PipedOutputStream();
        PipedInputStream in = new PipedInputStream(w, 1 << 16);
        w.write(bytes("250-first\r\n250-never ending"));
        List<Integer> timeouts = new ArrayList<>();
        ReplyReader r = new ReplyReader(new TimeoutHonouringStream(in), timeouts::add);
        long t0 = System.nanoTime();
        assertThatThrownBy(() -> r.read(300, l -> { }))
                .isInstanceOf(ReplyTimeoutException.class)
                .extracting(e -> ((ReplyTimeoutException) e).partial()).asString().contains("250-first");
        assertThat((System.nanoTime() - t0) / 1_000_000).isLessThan(5_000);
        assertThat(timeouts).isNotEmpty().allMatch(ms -> ms <= 300);
    }

    /** A piped stream that throws SocketTimeoutException like a socket when no byte comes within the timeout. */
    private static final class TimeoutHonouringStream extends InputStream {
        private final PipedInputStream in;

        TimeoutHonouringStream(PipedInputStream in) {
            this.in = in;
        }

        @Override
        public int read() throws IOException {
            byte[] b = new byte[1];
            return read(b, 0, 1) < 0 ? -1 : b[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (in.available() == 0) {
                throw new java.net.SocketTimeoutException("Read timed out");
            }
            return in.read(b, off, Math.min(len, in.available()));
        }
    }
}
