package io.mailtls.cli;

import io.mailtls.web.WebServer;
import io.mailtls.web.WebSettings;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code mailtls serve}: the web UI and JSON API, in the foreground until interrupted. */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = "Serve the web UI and the JSON API: check mail servers from a browser, watch the conversation live.",
        footer = {"", "Without --allow-private, only public addresses on ports 25, 465, 587 and 2525 are checked:",
                "the server connects on its visitors' behalf."})
public final class ServeCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--port", paramLabel = "PORT", defaultValue = "8080", description = "TCP port (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--bind", paramLabel = "ADDRESS", defaultValue = "127.0.0.1",
            description = "Address to listen on (default: ${DEFAULT-VALUE}).")
    String bind;

    @Option(names = "--allow-private", description = "Also check loopback, private and other special-purpose addresses, on any port.")
    boolean allowPrivate;

    @Option(names = "--max-concurrent", paramLabel = "N", defaultValue = "4",
            description = "Checks running at once; more are refused with 503 (default: ${DEFAULT-VALUE}).")
    int maxConcurrent;

    @Option(names = "--rate", paramLabel = "N", defaultValue = "10",
            description = "Checks one client may start per minute; more are refused with 429 (default: ${DEFAULT-VALUE}).")
    int rate;

    @Mixin
    CheckingOptions checking;

    private final CountDownLatch stop = new CountDownLatch(1);

    @Override
    public Integer call() throws InterruptedException {
        if (checking.expectName != null || checking.sni != null) {
            throw new ParameterException(spec.commandLine(), "--expect-name and --sni are given per check (the form, or expect_name in the API)");
        }
        if (port < 0 || port > 65535) {
            throw new ParameterException(spec.commandLine(), "--port must be 0..65535, got " + port);
        }
        if (maxConcurrent < 1 || maxConcurrent > 256 || rate < 1 || rate > 10_000) {
            throw new ParameterException(spec.commandLine(), "--max-concurrent must be 1..256 and --rate 1..10000");
        }
        WebSettings settings = WebSettings.defaults(checking.toOptions()).withListen(bind, port)
                .withAllowPrivate(allowPrivate).withLimits(maxConcurrent, rate);
        WebServer server;
        try {
            server = WebServer.start(settings);
        } catch (RuntimeException e) {
            throw new UserErrors.UsageException("cannot listen on " + bind + ":" + port + ": " + rootMessage(e));
        }
        PrintWriter err = spec.commandLine().getErr();
        Thread hook = Thread.ofPlatform().name("serve-shutdown").unstarted(() -> {
            server.close();
            stop.countDown();
        });
        Runtime.getRuntime().addShutdownHook(hook);
        String host = bind.contains(":") ? "[" + bind + "]" : bind;
        err.println("mailtls serve: listening on http://" + host + ":" + server.port() + "/"
                + (allowPrivate ? " (private addresses allowed)" : ""));
        err.flush();
        try {
            stop.await();
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
                server.close();
            } catch (IllegalStateException shuttingDown) {
                // the hook is already running and closes the server
            }
        }
        return 0;
    }

    /** Ends a running {@link #call()} as SIGINT would, for embedding and tests. */
    public void stop() {
        stop.countDown();
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return String.valueOf(t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage());
    }
}
