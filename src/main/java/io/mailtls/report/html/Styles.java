package io.mailtls.report.html;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/** The report's stylesheet: inlined in the self-contained file, served as a file by the web UI. */
public final class Styles {
    private static final String CSS = load();
    private static final String HASH = hash(CSS);

    private Styles() {
    }

    /** The stylesheet text. */
    public static String css() {
        return CSS;
    }

    /** The Content-Security-Policy source that allows exactly this stylesheet inline ({@code 'sha256-...'}). */
    public static String cssHashSource() {
        return HASH;
    }

    /** A {@code <style>} element holding the stylesheet. */
    static Node inline() {
        return Html.el("style", new Raw(CSS));
    }

    private static String load() {
        try (InputStream in = Styles.class.getResourceAsStream("report.css")) {
            if (in == null) {
                throw new IllegalStateException("report.css is missing from the classpath");
            }
            String css = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            if (css.toLowerCase(java.util.Locale.ROOT).contains("</style")) {
                throw new IllegalStateException("report.css must not contain </style");
            }
            return css;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String hash(String css) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(css.getBytes(StandardCharsets.UTF_8));
            return "'sha256-" + Base64.getEncoder().encodeToString(d) + "'";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK always provides SHA-256", e);
        }
    }
}
