package io.mailtls.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailtls.cli.ServeCommand;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.Writer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code mailtls serve} as a command: listens, says where, serves, stops. */
class ServeCommandTest {
    private static final Pattern LISTENING = Pattern.compile("listening on (http://127\\.0\\.0\\.1:(\\d+)/)");

    /** A writer that completes a future with the listening URL once the command prints it. */
    private static final class Watcher extends Writer {
        final StringBuilder text = new StringBuilder();
        final CompletableFuture<String> url = new CompletableFuture<>();

        @Override
        public synchronized void write(char[] c, int off, int len) {
            text.append(c, off, len);
            Matcher m = LISTENING.matcher(text);
            if (m.find()) {
                url.complete(m.group(1));
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    }

    @Test
    void servesOnTheGivenAddressUntilStopped() throws Exception {
        ServeCommand serve = new ServeCommand();
        Watcher err = new Watcher();
        StringWriter out = new StringWriter();
        CommandLine cl = new CommandLine(serve);
        cl.setErr(new PrintWriter(err, true));
        cl.setOut(new PrintWriter(out, true));
        CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(
                () -> cl.execute("--port", "0", "--bind", "127.0.0.1", "--allow-private", "--timeout", "5"));

        String url = err.url.get(30, TimeUnit.SECONDS);
        HttpResponse<String> home = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(home.statusCode()).isEqualTo(200);
        assertThat(home.body()).contains("Check a mail server's TLS").contains("--allow-private");

        serve.stop();
        assertThat(exit.get(30, TimeUnit.SECONDS)).isZero();
        assertThat(out.toString()).as("stdout stays clean").isEmpty();
    }

    @Test
    void expectNameIsGivenPerCheckNotToTheServer() {
        StringWriter err = new StringWriter();
        CommandLine cl = new CommandLine(new ServeCommand());
        cl.setErr(new PrintWriter(err, true));
        int code = cl.execute("--port", "0", "--expect-name", "mx.example.org");
        assertThat(code).isNotZero();
        assertThat(err.toString()).contains("--expect-name and --sni are given per check");
    }
}
