package io.mailtls.report.html;

import static io.mailtls.report.html.Html.attr;
import static io.mailtls.report.html.Html.cls;
import static io.mailtls.report.html.Html.el;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class HtmlDslTest {

    @Test
    void textAndAttributeValuesAreEscaped() {
        String html = el("p", attr("title", "\"><script>x</script>"), "<b>bold</b>").html();
        assertThat(html).isEqualTo("<p title=\"&quot;&gt;&lt;script&gt;x&lt;/script&gt;\">&lt;b&gt;bold&lt;/b&gt;</p>");
    }

    @Test
    void namesAreCheckedSoDataCannotBecomeATagOrAttribute() {
        assertThatThrownBy(() -> el("p onclick=x")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> el("p", attr("on click", "x"))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void voidElementsHaveNoEndTagAndSvgElementsCloseThemselves() {
        assertThat(el("meta", attr("charset", "utf-8")).html()).isEqualTo("<meta charset=\"utf-8\">");
        assertThat(el("svg", el("line", attr("x1", 1))).html()).isEqualTo("<svg><line x1=\"1\"/></svg>");
        assertThat(el("p").html()).isEqualTo("<p></p>");
        assertThatThrownBy(() -> el("br", "x")).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void partsMayBeListsOptionalsAndNulls() {
        String html = el("ul", cls("x"), List.of(el("li", "a"), el("li", "b")), Optional.empty(), null,
                Optional.of(el("li", "c"))).html();
        assertThat(html).isEqualTo("<ul class=\"x\"><li>a</li><li>b</li><li>c</li></ul>");
    }

    @Test
    void nullAttributeValuesAreLeftOut() {
        assertThat(el("a", attr("href", (String) null), "x").html()).isEqualTo("<a>x</a>");
    }

    @Test
    void tokensAreSafeClassNames() {
        assertThat(Html.token("TLS_OK")).isEqualTo("tls-ok");
        assertThat(Html.token("encrypted-authenticated")).isEqualTo("encrypted-authenticated");
        assertThat(Html.token("\" onload=\"x")).isEqualTo("onload-x");
        assertThat(Html.token(null)).isEqualTo("none");
    }
}
