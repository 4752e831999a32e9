package io.mailtls.report.html;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class EscapeTest {

    @Test
    void markupCharactersBecomeEntitiesInText() {
        assertThat(Escape.text("<script>alert(1)</script> & \"x\" 'y'"))
                .isEqualTo("&lt;script&gt;alert(1)&lt;/script&gt; &amp; \"x\" 'y'");
    }

    @Test
    void quotesAlsoBecomeEntitiesInAttributes() {
        assertThat(Escape.attribute("a\" onmouseover='x' <b>&"))
                .isEqualTo("a&quot; onmouseover=&#39;x&#39; &lt;b&gt;&amp;");
    }

    @Test
    void controlCharactersBecomeVisibleEscapes() {
        String ansi = "\u001b[31;1mHOSTILE\u001b[0m \u001b]0;owned\u0007 nul\u0000 del\u007f c1\u0085";
        String clean = Escape.text(ansi);
        assertThat(clean).isEqualTo("\\x1b[31;1mHOSTILE\\x1b[0m \\x1b]0;owned\\x07 nul\\x00 del\\x7f c1\\x85");
        assertThat(clean.chars()).noneMatch(c -> c < 0x20 || c == 0x7f || (c >= 0x80 && c < 0xa0));
    }

    @Test
    void lineBreaksAndTabsStayAsWhitespace() {
        assertThat(Escape.text("version: STSv1\r\nmode: testing\n\tmx: a\rb"))
                .isEqualTo("version: STSv1\nmode: testing\n\tmx: a\\x0db");
    }

    @Test
    void bidiOverridesCannotReorderTheReport() {
        assertThat(Escape.text("good\u202Egnp.exe")).isEqualTo("good\\u202egnp.exe");
    }

    @Test
    void noncharactersAndLoneSurrogatesAreReplaced() {
        assertThat(Escape.text("a\uFFFEb\uFDD0c")).isEqualTo("a\\ufffeb\\ufdd0c");
        assertThat(Escape.text("x\uD800y")).isEqualTo("x\uFFFDy");
        assertThat(Escape.text("\uD83D\uDE00 \uD83F\uDFFE")).isEqualTo("\uD83D\uDE00 \\U0001fffe");
    }

    @Test
    void nullIsEmpty() {
        assertThat(Escape.text(null)).isEmpty();
    }

    @Test
    void cleaningTwiceChangesNothing() {
        String once = Escape.clean("\u001b[0m <p> \uFFFF");
        assertThat(Escape.clean(once)).isEqualTo(once);
    }
}
