package io.mailtls.web;

import io.javalin.http.Context;
import io.mailtls.report.html.HtmlReport;

/** The response headers that keep the web UI's pages from being framed, sniffed or made to run foreign script. */
final class SecurityHeaders {
    /** Scripts and styles only from this server's own files: no inline script or style at all. */
    static final String CSP = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; "
            + "connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

    private SecurityHeaders() {
    }

    static void apply(Context ctx) {
        ctx.header("Content-Security-Policy", CSP);
        ctx.header("X-Content-Type-Options", "nosniff");
        ctx.header("X-Frame-Options", "DENY");
        ctx.header("Referrer-Policy", "no-referrer");
        ctx.header("Cross-Origin-Opener-Policy", "same-origin");
        ctx.header("Cross-Origin-Resource-Policy", "same-origin");
        ctx.header("Permissions-Policy", "camera=(), microphone=(), geolocation=(), payment=(), usb=()");
        ctx.header("Cache-Control", "no-store");
    }

    /** The self-contained report carries its inline stylesheet, allowed by hash and nothing else. */
    static void report(Context ctx) {
        ctx.header("Content-Security-Policy", HtmlReport.contentSecurityPolicy() + "; frame-ancestors 'none'");
    }
}
