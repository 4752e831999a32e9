package io.mailtls.report.html;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailtls.smtp.TranscriptLine;
import io.mailtls.smtp.TranscriptLine.From;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.parser.Parser;
import org.junit.jupiter.api.Test;

class LadderTest {
    private static final List<TranscriptLine> DIALOG = List.of(
            new TranscriptLine(0, From.NOTE, "connecting to 127.0.0.1:25"),
            new TranscriptLine(10, From.SERVER, "220 mx.example ESMTP"),
            new TranscriptLine(11, From.CLIENT, "EHLO client.invalid"),
            new TranscriptLine(12, From.SERVER, "250-mx.example"),
            new TranscriptLine(12, From.SERVER, "250 STARTTLS"),
            new TranscriptLine(13, From.CLIENT, "STARTTLS"),
            new TranscriptLine(14, From.SERVER, "220 go ahead"),
            new TranscriptLine(15, From.TLS, "TLS handshake starts (SNI mx.example)"),
            new TranscriptLine(40, From.TLS, "TLS handshake: TLSv1.3, TLS_AES_128_GCM_SHA256, x25519, 2 certificates (25 ms)"),
            new TranscriptLine(41, From.CLIENT, "EHLO client.invalid"),
            new TranscriptLine(42, From.SERVER, "250 mx.example"),
            new TranscriptLine(43, From.CLIENT, "QUIT"),
            new TranscriptLine(44, From.SERVER, "221 bye"),
            new TranscriptLine(45, From.NOTE, "done"));

    private static Document svg(List<TranscriptLine> lines, boolean encrypted) {
        return Jsoup.parse(Ladder.svg(lines, "127.0.0.1:25", encrypted, "t").html(), "", Parser.xmlParser());
    }

    private static int y(Element line) {
        return Integer.parseInt(line.attr("y1"));
    }

    @Test
    void consecutiveLinesOfOneSpeakerFormOneMessage() {
        List<Ladder.Kind> kinds = Ladder.steps(DIALOG).stream().map(Ladder.Step::kind).toList();
        assertThat(kinds).containsExactly(Ladder.Kind.NOTE, Ladder.Kind.REPLY, Ladder.Kind.SEND, Ladder.Kind.REPLY,
                Ladder.Kind.SEND, Ladder.Kind.REPLY, Ladder.Kind.TLS, Ladder.Kind.TLS, Ladder.Kind.SEND,
                Ladder.Kind.REPLY, Ladder.Kind.SEND, Ladder.Kind.REPLY, Ladder.Kind.NOTE);
        assertThat(Ladder.steps(DIALOG).get(3).lines()).containsExactly("250-mx.example", "250 STARTTLS");
        assertThat(Ladder.steps(DIALOG).get(3).atMs()).isEqualTo(12);
    }

    @Test
    void commandsPointToTheServerAndRepliesToTheClient() {
        Document d = svg(DIALOG, true);
        assertThat(d.select("line.arrow-send")).hasSize(4).allSatisfy(l -> {
            assertThat(l.attr("x1")).isEqualTo(String.valueOf(Ladder.CLIENT_X));
            assertThat(Integer.parseInt(l.attr("x2"))).isGreaterThan(Ladder.SERVER_X - 10);
            assertThat(l.attr("marker-end")).isEqualTo("url(#t-send)");
        });
        assertThat(d.select("line.arrow-reply")).hasSize(5).allSatisfy(l -> {
            assertThat(l.attr("x1")).isEqualTo(String.valueOf(Ladder.SERVER_X));
            assertThat(Integer.parseInt(l.attr("x2"))).isLessThan(Ladder.CLIENT_X + 10);
        });
        assertThat(d.select("line.arrow-tls")).hasSize(2)
                .allSatisfy(l -> assertThat(l.attr("marker-start")).isEqualTo("url(#t-tls-start)"));
        assertThat(d.select("marker").eachAttr("id")).containsExactlyInAnyOrder("t-send", "t-reply", "t-tls-end", "t-tls-start");
    }

    @Test
    void timeRunsDownInTranscriptOrder() {
        Document d = svg(DIALOG, true);
        List<Integer> ys = new ArrayList<>();
        for (Element g : d.select("g.step")) {
            Element line = g.selectFirst("line");
            ys.add(y(line));
        }
        assertThat(ys).hasSize(13).isSorted().doesNotHaveDuplicates();
        assertThat(d.select("g.step text.time").eachText()).startsWith("0 ms", "10 ms", "11 ms", "12 ms");
        int height = Integer.parseInt(d.selectFirst("svg").attr("height"));
        assertThat(ys.getLast()).isLessThan(height);
        assertThat(d.selectFirst("svg").attr("viewBox")).isEqualTo("0 0 " + Ladder.WIDTH + " " + height);
    }

    @Test
    void messagesCarryTheirTextAboveTheArrow() {
        Document d = svg(DIALOG, true);
        Element ehloReply = d.select("g.step-reply").get(1);
        assertThat(ehloReply.select("text.msg").eachText()).containsExactly("250-mx.example", "250 STARTTLS");
        int arrowY = y(ehloReply.selectFirst("line"));
        assertThat(ehloReply.select("text.msg")).allSatisfy(t -> assertThat(Integer.parseInt(t.attr("y"))).isLessThan(arrowY));
    }

    @Test
    void theEncryptedPartIsShadedFromTheEndOfTheHandshake() {
        Document d = svg(DIALOG, true);
        Element tunnel = d.selectFirst("rect.tunnel");
        assertThat(tunnel).isNotNull();
        int top = Integer.parseInt(tunnel.attr("y"));
        assertThat(top).isGreaterThan(y(d.select("line.arrow-tls").last()));
        assertThat(top).isLessThan(y(d.select("line.arrow-send").get(2)));
        assertThat(svg(DIALOG, false).select("rect.tunnel")).isEmpty();
    }

    @Test
    void notesStandAsideOfTheLanes() {
        Document d = svg(DIALOG, true);
        assertThat(d.select("text.note")).allSatisfy(t -> assertThat(t.attr("x")).isEqualTo(String.valueOf(Ladder.NOTE_X)));
        assertThat(d.select("text.note").eachText()).contains("connecting to 127.0.0.1:25", "done");
        String longNote = "the server closed the connection after the STARTTLS reply without a word, "
                + "which a sender sees as a failed delivery attempt and retries later on";
        Document n = svg(List.of(new TranscriptLine(0, From.NOTE, longNote)), false);
        assertThat(n.select("text.note")).hasSizeBetween(2, Ladder.MAX_NOTE_LINES)
                .allSatisfy(t -> assertThat(t.ownText().length()).isLessThanOrEqualTo(Ladder.NOTE_CHARS));
    }

    @Test
    void longLinesAreCutWithTheWholeTextAsTooltip() {
        String banner = "220 " + "x".repeat(200) + " ESMTP";
        Document d = svg(List.of(new TranscriptLine(0, From.SERVER, banner)), false);
        Element t = d.selectFirst("text.msg-reply");
        assertThat(t.ownText()).hasSize(Ladder.ARROW_CHARS).endsWith("…");
        assertThat(t.selectFirst("title").text()).isEqualTo(banner);
    }

    @Test
    void longRepliesShowTheirHeadAndCountTheRest() {
        List<TranscriptLine> lines = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            lines.add(new TranscriptLine(0, From.SERVER, "250-LINE" + i));
        }
        Document d = svg(lines, false);
        assertThat(d.select("text.msg-reply")).hasSize(Ladder.MAX_MESSAGE_LINES);
        assertThat(d.select("text.more").text()).contains((20 - Ladder.MAX_MESSAGE_LINES) + " more lines");
    }

    @Test
    void serverTextCannotBreakOutOfTheSvg() {
        String hostile = "220 </text></svg><script>alert(1)</script><svg onload=alert(2)>";
        String html = Ladder.svg(List.of(new TranscriptLine(0, From.SERVER, hostile)), "h", false, "t").html();
        Document d = Jsoup.parse("<!DOCTYPE html><body>" + html);
        assertThat(d.select("script")).isEmpty();
        assertThat(d.select("svg")).hasSize(1);
        assertThat(d.select("svg").attr("onload")).isEmpty();
        assertThat(d.select("text.msg-reply").text()).isEqualTo(hostile);
    }

    @Test
    void idsDifferBetweenDiagramsOfOnePage() {
        Set<String> a = Jsoup.parse(Ladder.svg(DIALOG, "a", true, "e0").html()).select("[id]").stream()
                .map(e -> e.id()).collect(Collectors.toSet());
        Set<String> b = Jsoup.parse(Ladder.svg(DIALOG, "b", true, "e1").html()).select("[id]").stream()
                .map(e -> e.id()).collect(Collectors.toSet());
        assertThat(a).isNotEmpty().doesNotContainAnyElementsOf(b);
    }
}
