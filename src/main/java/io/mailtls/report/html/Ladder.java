package io.mailtls.report.html;

import static io.mailtls.report.html.Html.attr;
import static io.mailtls.report.html.Html.cls;
import static io.mailtls.report.html.Html.el;
import static io.mailtls.report.html.Html.id;

import io.mailtls.facts.EndpointFacts;
import io.mailtls.smtp.TranscriptLine;
import java.util.ArrayList;
import java.util.List;

/**
 * The SMTP/TLS conversation as a ladder (sequence) diagram in inline SVG: mailtls on the left, the server on the
 * right, time running down; commands, replies and TLS steps are arrows with their text, notes stand aside.
 */
public final class Ladder {
    static final int WIDTH = 960;
    static final int TIME_X = 72;
    static final int CLIENT_X = 110;
    static final int SERVER_X = 600;
    static final int NOTE_X = 640;
    static final int LINE = 16;
    static final int HEAD = 46;
    /** Monospace text at 12 px is about 7.2 px a character: 64 fit between the lanes, 43 beside them. */
    static final int ARROW_CHARS = 64;
    static final int NOTE_CHARS = 43;
    static final int MAX_TLS_LINES = 3;
    static final int LABEL_CHARS = 40;
    static final int MAX_MESSAGE_LINES = 12;
    static final int MAX_NOTE_LINES = 4;

    /** What a step of the diagram is. */
    enum Kind { SEND, REPLY, TLS, NOTE }

    /** One arrow or note: consecutive lines of one speaker form one message. */
    record Step(Kind kind, long atMs, List<String> lines) {
    }

    private Ladder() {
    }

    /** The diagram of an endpoint's conversation with its legend; {@code idPrefix} keeps ids unique in a page. */
    public static Node of(EndpointFacts f, String idPrefix) {
        if (f.transcript().isEmpty()) {
            return el("p", cls("empty"), "No conversation took place.");
        }
        String server = f.endpoint().hostPort();
        return el("figure", cls("ladder"),
                svg(f.transcript(), server, f.tlsEstablished(), idPrefix),
                el("figcaption",
                        "Time runs down. ",
                        el("span", cls("key-send"), "→ mailtls's commands"), ", ",
                        el("span", cls("key-reply"), "← the server's replies"), ", ",
                        el("span", cls("key-tls"), "↔ the TLS handshake"), ", ",
                        el("span", cls("key-note"), "notes"), " on the right",
                        f.tlsEstablished() ? List.of(", ", el("span", cls("key-tunnel"), "the shaded band is encrypted")) : null,
                        ". Hover a cut line for its full text."));
    }

    /** The SVG alone. */
    public static Element svg(List<TranscriptLine> transcript, String server, boolean encrypted, String p) {
        List<Step> steps = steps(transcript);
        int lastTls = -1;
        for (int i = 0; i < steps.size(); i++) {
            if (steps.get(i).kind() == Kind.TLS) {
                lastTls = i;
            }
        }
        List<Node> drawn = new ArrayList<>();
        int y = HEAD;
        int tunnelFrom = -1;
        for (int i = 0; i < steps.size(); i++) {
            Step s = steps.get(i);
            if (s.kind() == Kind.NOTE) {
                y = note(s, y, drawn);
            } else {
                y = arrow(s, y, p, drawn);
                if (encrypted && i == lastTls) {
                    tunnelFrom = y - 4;
                }
            }
        }
        int height = y + 14;
        Element svg = el("svg", attr("xmlns", "http://www.w3.org/2000/svg"), attr("viewBox", "0 0 " + WIDTH + " " + height),
                attr("width", WIDTH), attr("height", height), attr("role", "img"), attr("aria-labelledby", p + "-title"),
                cls("ladder-svg"),
                el("title", id(p + "-title"), "The conversation with " + server + " as a ladder diagram"),
                el("defs",
                        marker(p + "-send", "M0,0 L10,5 L0,10 z", "head head-send"),
                        marker(p + "-reply", "M0,0 L10,5 L0,10 z", "head head-reply"),
                        marker(p + "-tls-end", "M0,0 L10,5 L0,10 z", "head head-tls"),
                        marker(p + "-tls-start", "M10,0 L0,5 L10,10 z", "head head-tls")));
        if (tunnelFrom >= 0) {
            svg.add(el("rect", cls("tunnel"), attr("x", CLIENT_X), attr("y", tunnelFrom),
                    attr("width", SERVER_X - CLIENT_X), attr("height", height - 8 - tunnelFrom)));
        }
        svg.add(el("text", cls("lane-label"), attr("x", CLIENT_X), attr("y", 18), attr("text-anchor", "middle"), "mailtls"));
        svg.add(el("text", cls("lane-label"), attr("x", SERVER_X), attr("y", 18), attr("text-anchor", "middle"), "server"));
        svg.add(cut(el("text", cls("lane-sub"), attr("x", SERVER_X), attr("y", 34), attr("text-anchor", "middle")),
                server, LABEL_CHARS));
        svg.add(el("text", cls("lane-label note-head"), attr("x", NOTE_X), attr("y", 18), "notes"));
        svg.add(el("line", cls("lane"), attr("x1", CLIENT_X), attr("y1", 40), attr("x2", CLIENT_X), attr("y2", height - 8)));
        svg.add(el("line", cls("lane"), attr("x1", SERVER_X), attr("y1", 40), attr("x2", SERVER_X), attr("y2", height - 8)));
        drawn.forEach(svg::add);
        return svg;
    }

    private static Node marker(String id, String path, String cssClass) {
        return el("marker", id(id), attr("viewBox", "0 0 10 10"), attr("refX", cssClass.endsWith("tls") && path.startsWith("M10") ? 1 : 9),
                attr("refY", 5), attr("markerWidth", 9), attr("markerHeight", 9), attr("orient", "auto"),
                attr("markerUnits", "userSpaceOnUse"), el("path", cls(cssClass), attr("d", path)));
    }

    private static int arrow(Step s, int y, String p, List<Node> out) {
        String kind = Html.token(s.kind().name());
        // Our own TLS notes wrap; the server's lines stay one row each, as on the wire, cut with a tooltip.
        List<String> lines = s.kind() == Kind.TLS ? wrap(s.lines().getFirst(), ARROW_CHARS, MAX_TLS_LINES) : s.lines();
        List<String> shown = lines.size() > MAX_MESSAGE_LINES ? lines.subList(0, MAX_MESSAGE_LINES) : lines;
        int rows = shown.size() + (shown.size() < lines.size() ? 1 : 0);
        Element g = el("g", cls("step step-" + kind));
        for (int j = 0; j < shown.size(); j++) {
            g.add(cut(el("text", cls("msg msg-" + kind), attr("x", CLIENT_X + 10), attr("y", y + LINE * (j + 1) - 3)),
                    shown.get(j), ARROW_CHARS));
        }
        if (rows > shown.size()) {
            g.add(el("text", cls("msg more"), attr("x", CLIENT_X + 10), attr("y", y + LINE * rows - 3),
                    "… " + (lines.size() - shown.size()) + " more lines in the transcript below"));
        }
        int ay = y + rows * LINE + 5;
        boolean toServer = s.kind() != Kind.REPLY;
        Element line = el("line", cls("arrow arrow-" + kind),
                attr("x1", toServer ? CLIENT_X : SERVER_X), attr("y1", ay),
                attr("x2", toServer ? SERVER_X - 2 : CLIENT_X + 2), attr("y2", ay),
                attr("marker-end", "url(#" + p + "-" + (s.kind() == Kind.TLS ? "tls-end" : kind) + ")"));
        if (s.kind() == Kind.TLS) {
            line.attr("x1", Integer.toString(CLIENT_X + 2)).attr("marker-start", "url(#" + p + "-tls-start)");
        }
        g.add(line);
        g.add(el("text", cls("time"), attr("x", TIME_X), attr("y", ay + 4), attr("text-anchor", "end"), s.atMs() + " ms"));
        out.add(g);
        return ay + 10;
    }

    private static int note(Step s, int y, List<Node> out) {
        List<String> rows = wrap(s.lines().getFirst(), NOTE_CHARS, MAX_NOTE_LINES);
        Element g = el("g", cls("step step-note"));
        g.add(el("line", cls("note-tick"), attr("x1", SERVER_X + 4), attr("y1", y + LINE - 7),
                attr("x2", NOTE_X - 6), attr("y2", y + LINE - 7)));
        for (int j = 0; j < rows.size(); j++) {
            Element t = el("text", cls("note"), attr("x", NOTE_X), attr("y", y + LINE * (j + 1) - 3));
            if (j == rows.size() - 1 && !String.join(" ", rows).equals(s.lines().getFirst())) {
                t.add(el("title", s.lines().getFirst()));
            }
            t.add(Html.text(rows.get(j)));
            g.add(t);
        }
        g.add(el("text", cls("time"), attr("x", TIME_X), attr("y", y + LINE - 3), attr("text-anchor", "end"), s.atMs() + " ms"));
        out.add(g);
        return y + rows.size() * LINE + 6;
    }

    /** Puts {@code text} into {@code t}, cut to {@code max} characters with the whole text as its tooltip. */
    private static Element cut(Element t, String text, int max) {
        String clean = Escape.clean(text);
        if (clean.codePointCount(0, clean.length()) <= max) {
            return t.add(Html.text(clean));
        }
        return t.add(el("title", clean)).add(Html.text(clean.substring(0, clean.offsetByCodePoints(0, max - 1)) + "…"));
    }

    /** Word-wraps {@code text} into at most {@code maxRows} rows of {@code width} characters, the last cut with "…". */
    static List<String> wrap(String text, int width, int maxRows) {
        List<String> rows = new ArrayList<>();
        String rest = Escape.clean(text).strip();
        while (!rest.isEmpty() && rows.size() < maxRows) {
            if (rest.length() <= width) {
                rows.add(rest);
                rest = "";
                break;
            }
            int cutAt = rest.lastIndexOf(' ', width);
            if (cutAt <= width / 2) {
                cutAt = width;
            }
            rows.add(rest.substring(0, cutAt).strip());
            rest = rest.substring(cutAt).strip();
        }
        if (!rest.isEmpty()) {
            String last = rows.removeLast();
            rows.add((last.length() >= width ? last.substring(0, width - 1) : last) + "…");
        }
        return rows;
    }

    /** Groups the transcript into steps: consecutive lines of the client or of the server form one message. */
    static List<Step> steps(List<TranscriptLine> transcript) {
        List<Step> out = new ArrayList<>();
        Kind open = null;
        List<String> lines = null;
        long at = 0;
        for (TranscriptLine l : transcript) {
            Kind k = switch (l.from()) {
                case CLIENT -> Kind.SEND;
                case SERVER -> Kind.REPLY;
                case TLS -> Kind.TLS;
                case NOTE -> Kind.NOTE;
            };
            boolean joins = k == open && (k == Kind.SEND || k == Kind.REPLY);
            if (!joins) {
                if (open != null) {
                    out.add(new Step(open, at, List.copyOf(lines)));
                }
                open = k;
                lines = new ArrayList<>();
                at = l.atMs();
            }
            lines.add(l.text());
        }
        if (open != null) {
            out.add(new Step(open, at, List.copyOf(lines)));
        }
        return out;
    }
}
