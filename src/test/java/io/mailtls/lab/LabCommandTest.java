package io.mailtls.lab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.mailtls.cli.LabCommand;
import picocli.CommandLine;

/** {@code mailtls lab} in-process: its output, its sessions log, its stop, and its usage errors. */
class LabCommandTest {

    @Test
    void listPrintsEveryScenarioInContractOrder() {
        var out = new StringWriter();
        var cmd = new CommandLine(new LabCommand());
        cmd.setOut(new PrintWriter(out));
        assertThat(cmd.execute("--list")).isZero();
        List<String> names = out.toString().lines().map(line -> line.split("\\s+")[0]).toList();
        assertThat(names).containsExactlyElementsOf(Scenario.ids());
    }

    @Test
    void servesTheGivenPairsLogsSessionsAndStopsCleanly(@TempDir Path dir) throws Exception {
        var out = new WaitingWriter();
        var err = new WaitingWriter();
        var command = new LabCommand();
        var cmd = new CommandLine(command);
        cmd.setOut(new PrintWriter(out, true));
        cmd.setErr(new PrintWriter(err, true));
        Path ca = dir.resolve("lab-ca.pem");
        CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(() -> cmd.execute(
                "--scenario", "good", "--port", "0", "--scenario", "throttled", "--port", "0",
                "--ca-out", ca.toString(), "--greeting-delay", "0.5"),
                // Not the common pool: it has one thread on two cores, and a lab left running there would starve
                // everything else that uses it (dnsjava validates on it).
                r -> Thread.ofVirtual().name("lab-command").start(r));

        String printed = out.awaitText("CA file: " + ca + System.lineSeparator());
        Map<String, InetSocketAddress> endpoints = parseEndpoints(printed);
        assertThat(endpoints.keySet()).containsExactly("good", "throttled");
        assertThat(printed).contains("CA file: " + ca).contains(Scenario.GOOD.description());
        assertThat(Files.readString(ca)).startsWith("-----BEGIN CERTIFICATE-----");

        try (var client = RawSmtpClient.connect(endpoints.get("good"))) {
            assertThat(client.reply().code()).isEqualTo(220);
            assertThat(client.command("QUIT").code()).isEqualTo(221);
        }
        try (var client = RawSmtpClient.connect(endpoints.get("throttled"))) {
            assertThat(client.reply().code()).isEqualTo(421);
        }
        err.awaitText("throttled #1 ");
        err.awaitText("good #1 "); // sessions log when they end, in whatever order they end
        assertThat(err.text()).contains("good #1 127.0.0.1:").contains("end=QUIT").contains("end=throttled");

        command.stop();
        assertThat(exit.get(30, TimeUnit.SECONDS)).isZero();
        assertThat(err.text()).contains("lab stopped");
        for (InetSocketAddress address : endpoints.values()) {
            assertThatThrownBy(() -> new Socket(address.getAddress(), address.getPort()).close())
                    .isInstanceOf(ConnectException.class);
        }
        assertThat(ca).as("a file the user named is kept").exists();
        assertThat(out.text().lines().filter(line -> !line.isBlank())).as("stdout: endpoints and CA only").hasSize(3);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "--scenario nope --port 2525",
        "--scenario good",
        "--scenario good --port 70000",
        "--scenario good --port -1",
        "--scenario good --port abc",
        "--all --scenario good --port 1",
        "--scenario good --port 1 --port-base 2000",
        "--scenario good --port 0 --scenario good --port 0",
        "--all --port-base 65530",
        "--greeting-delay -1",
    })
    void badInputIsOneUsageLine(String args) {
        var usage = new AtomicReference<CommandLine.ParameterException>();
        int status = runExpectingUsage(usage, args.split(" "));
        assertThat(status).isEqualTo(64);
        assertThat(usage.get().getMessage()).isNotBlank().doesNotContain("\n");
    }

    @Test
    void unknownScenarioNamesTheKnownOnes() {
        var usage = new AtomicReference<CommandLine.ParameterException>();
        runExpectingUsage(usage, "--scenario", "nope", "--port", "1");
        assertThat(usage.get().getMessage()).contains("unknown scenario 'nope'").contains("good, no-starttls");
    }

    @Test
    void aPortInUseIsAUsageErrorNamingThePort() throws Exception {
        try (var taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            var usage = new AtomicReference<CommandLine.ParameterException>();
            int status = runExpectingUsage(usage, "--scenario", "good", "--port", String.valueOf(taken.getLocalPort()));
            assertThat(status).isEqualTo(64);
            assertThat(usage.get().getMessage()).contains("good").contains(":" + taken.getLocalPort());
        }
    }

    /** Runs with the handler the top-level command is expected to install: one line, status 64. */
    private static int runExpectingUsage(AtomicReference<CommandLine.ParameterException> seen, String... args) {
        var cmd = new CommandLine(new LabCommand());
        cmd.setOut(new PrintWriter(new StringWriter()));
        cmd.setParameterExceptionHandler((ex, ignored) -> {
            seen.set(ex);
            return 64;
        });
        cmd.setExecutionExceptionHandler((ex, line, result) -> {
            throw new AssertionError("not a usage error", ex);
        });
        return cmd.execute(args);
    }

    private static Map<String, InetSocketAddress> parseEndpoints(String printed) {
        Map<String, InetSocketAddress> endpoints = new LinkedHashMap<>();
        for (String line : printed.lines().toList()) {
            String[] fields = line.trim().split("\\s+");
            if (fields.length >= 2 && fields[1].startsWith("127.0.0.1:")) {
                int port = Integer.parseInt(fields[1].substring("127.0.0.1:".length()));
                endpoints.put(fields[0], new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            }
        }
        return endpoints;
    }

}
