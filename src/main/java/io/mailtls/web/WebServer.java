package io.mailtls.web;

import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import io.mailtls.report.html.HtmlReport;
import io.mailtls.report.html.Styles;
import io.mailtls.report.JsonReport;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code mailtls serve}: the form, the live view, the result pages and the JSON API of the contract, on Javalin,
 * with a concurrency cap, a per-client rate limit, the SSRF guard and strict security headers.
 */
public final class WebServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(WebServer.class);
    private static final String APP_JS = resource("static/app.js");
    private static final String WEB_CSS = resource("static/web.css");
    private static final int MAX_BODY = 16 * 1024;

    private final WebSettings settings;
    private final CheckJobs jobs;
    private final Submissions submissions;
    private final LiveStream live;
    private final boolean loopbackOnly;
    private Javalin app;

    private WebServer(WebSettings settings) {
        this.settings = settings;
        this.jobs = new CheckJobs(settings.options(), settings.allowPrivate(), settings.maxConcurrent(),
                settings.maxRecent());
        TargetGuard guard = new TargetGuard(settings.resolver(), settings.allowPrivate(), settings.options().ipv4(),
                settings.options().ipv6(), Duration.ofSeconds(10));
        this.submissions = new Submissions(guard, jobs,
                new RateLimiter(settings.checksPerMinute(), 10_000, System::nanoTime));
        this.live = new LiveStream(jobs);
        this.loopbackOnly = isLoopback(settings.bind());
    }

    /** Starts listening; throws IllegalStateException (with Jetty's reason) when the port cannot be bound. */
    public static WebServer start(WebSettings settings) {
        WebServer s = new WebServer(settings);
        s.app = Javalin.create(cfg -> {
            cfg.startup.showJavalinBanner = false;
            cfg.startup.showOldJavalinVersionWarning = false;
            cfg.concurrency.useVirtualThreads = true;
            cfg.http.maxRequestSize = MAX_BODY;
            cfg.jetty.modifyHttpConfiguration(h -> h.setSendServerVersion(false));
            cfg.routes.before(s::guard);
            cfg.routes.get("/", s::home);
            cfg.routes.post("/checks", s::submitForm);
            cfg.routes.get("/checks/{id}", s::checkPage);
            cfg.routes.get("/checks/{id}/report.html", s::reportFile);
            cfg.routes.get("/api/checks", ctx -> json(ctx, 200, Json.recent(s.jobs.recent())));
            cfg.routes.post("/api/checks", s::submitApi);
            cfg.routes.get("/api/checks/{id}", s::checkApi);
            cfg.routes.sse("/api/checks/{id}/events", s.live::serve);
            // Browsers ask for an icon on every page; an empty answer keeps their consoles quiet.
            cfg.routes.get("/favicon.ico", ctx -> ctx.status(204));
            cfg.routes.get("/static/report.css", ctx -> file(ctx, "text/css; charset=utf-8", Styles.css()));
            cfg.routes.get("/static/web.css", ctx -> file(ctx, "text/css; charset=utf-8", WEB_CSS));
            cfg.routes.get("/static/app.js", ctx -> file(ctx, "text/javascript; charset=utf-8", APP_JS));
            cfg.routes.exception(Exception.class, (e, ctx) -> {
                LOG.warn("{} {} failed", ctx.method(), ctx.path(), e);
                json(ctx, 500, Json.error("internal error"));
            });
        }).start(settings.bind(), settings.port());
        return s;
    }

    /** The port listened on (useful with port 0). */
    public int port() {
        return app.port();
    }

    /** The checks of this server. */
    public CheckJobs jobs() {
        return jobs;
    }

    public WebSettings settings() {
        return settings;
    }

    @Override
    public void close() {
        jobs.close();
        if (app != null) {
            app.stop();
        }
    }

    /** Security headers on every response; refuses foreign Host names on loopback and cross-site form posts. */
    private void guard(Context ctx) {
        SecurityHeaders.apply(ctx);
        // A page elsewhere could rebind its own name to 127.0.0.1 and drive a loopback server: insist on our names.
        if (loopbackOnly && !loopbackHost(ctx.header("Host"))) {
            ctx.status(403).result("unexpected Host header");
            ctx.skipRemainingHandlers();
            return;
        }
        if (ctx.method().name().equals("POST") && "cross-site".equals(ctx.header("Sec-Fetch-Site"))) {
            ctx.status(403).result("cross-site requests are refused");
            ctx.skipRemainingHandlers();
        }
    }

    private void home(Context ctx) {
        ctx.html(Pages.home(jobs.recent(), null, null, null, false, settings.allowPrivate()));
    }

    private void submitForm(Context ctx) {
        String target = ctx.formParam("target");
        String expect = ctx.formParam("expect_name");
        boolean deep = "on".equals(ctx.formParam("deep"));
        switch (submissions.submit(client(ctx), target, deep, expect)) {
            case Submissions.Accepted a -> ctx.redirect("/checks/" + a.job().id(), HttpStatus.SEE_OTHER);
            case Submissions.Rejected r -> {
                retryAfter(ctx, r);
                ctx.status(r.status()).html(Pages.home(jobs.recent(), r.error(), target, expect, deep, settings.allowPrivate()));
            }
        }
    }

    private void submitApi(Context ctx) {
        String type = ctx.contentType() == null ? "" : ctx.contentType().toLowerCase(Locale.ROOT);
        // Only JSON: a cross-site form cannot send it without a preflight this server never grants.
        if (!type.startsWith("application/json")) {
            json(ctx, 415, Json.error("send the request as application/json"));
            return;
        }
        Json.CheckRequest req;
        try {
            req = Json.checkRequest(ctx.body());
        } catch (IllegalArgumentException e) {
            json(ctx, 400, Json.error(e.getMessage()));
            return;
        }
        switch (submissions.submit(client(ctx), req.target(), req.deep(), req.expectName())) {
            case Submissions.Accepted a -> {
                ctx.header("Location", "/api/checks/" + a.job().id());
                json(ctx, 202, Json.id(a.job().id()));
            }
            case Submissions.Rejected r -> {
                retryAfter(ctx, r);
                json(ctx, r.status(), Json.error(r.error()));
            }
        }
    }

    private void checkApi(Context ctx) {
        var job = jobs.get(ctx.pathParam("id")).orElse(null);
        if (job == null) {
            json(ctx, 404, Json.error("no such check"));
        } else if (job.state() == CheckJob.State.DONE) {
            json(ctx, 200, JsonReport.tree(job.report(), true).toString());
        } else {
            json(ctx, 200, Json.state(job));
        }
    }

    private void checkPage(Context ctx) {
        var job = jobs.get(ctx.pathParam("id")).orElse(null);
        if (job == null) {
            ctx.status(404).html(Pages.notFound());
            return;
        }
        ctx.html(switch (job.state()) {
            case RUNNING -> Pages.running(job);
            case DONE -> Pages.result(job);
            case FAILED -> Pages.failed(job);
        });
    }

    private void reportFile(Context ctx) {
        var job = jobs.get(ctx.pathParam("id")).orElse(null);
        if (job == null || job.state() != CheckJob.State.DONE) {
            ctx.status(404).html(Pages.notFound());
            return;
        }
        SecurityHeaders.report(ctx);
        ctx.header("Content-Disposition", "inline; filename=\"mailtls-report-" + job.id() + ".html\"");
        ctx.html(HtmlReport.render(job.report()));
    }

    /** The client's address as the socket saw it; forwarded-for headers are not trusted. */
    private static String client(Context ctx) {
        return ctx.req().getRemoteAddr();
    }

    private static void retryAfter(Context ctx, Submissions.Rejected r) {
        if (r.retryAfter() > 0) {
            ctx.header("Retry-After", Long.toString(r.retryAfter()));
        }
    }

    private static void json(Context ctx, int status, String body) {
        ctx.status(status).contentType("application/json; charset=utf-8").result(body);
    }

    private static void file(Context ctx, String type, String body) {
        ctx.header("Cache-Control", "public, max-age=300");
        ctx.contentType(type).result(body.getBytes(StandardCharsets.UTF_8));
    }

    private static boolean isLoopback(String bind) {
        try {
            return InetAddress.getByName(bind).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    /** True for localhost, 127.x.y.z and [::1], with or without a port. */
    static boolean loopbackHost(String hostHeader) {
        if (hostHeader == null) {
            return false;
        }
        String h = hostHeader.toLowerCase(Locale.ROOT);
        if (h.startsWith("[")) {
            int close = h.indexOf(']');
            return close > 0 && h.substring(1, close).equals("::1");
        }
        int colon = h.indexOf(':');
        String name = colon >= 0 ? h.substring(0, colon) : h;
        return name.equals("localhost") || name.matches("127\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}");
    }

    private static String resource(String name) {
        try (InputStream in = WebServer.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException(name + " is missing from the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
