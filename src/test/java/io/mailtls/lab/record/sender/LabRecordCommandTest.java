package io.mailtls.lab.record.sender;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.mailtls.cli.LabCommand;
import io.mailtls.lab.WaitingWriter;
import io.mailtls.lab.record.SmtpSenderAccess;
import picocli.CommandLine;
import tools.jackson.databind.json.JsonMapper;

/** {@code mailtls lab --record FILE.jsonl} in-process: verdicts on stderr as sessions end, a summary, the file. */
class LabRecordCommandTest {

    @Test
    void recordsSessionsAndPrintsVerdicts(@TempDir Path dir) throws Exception {
        var out = new WaitingWriter();
        var err = new WaitingWriter();
        var command = new LabCommand();
        var cmd = new CommandLine(command);
        cmd.setOut(new PrintWriter(out, true));
        cmd.setErr(new PrintWriter(err, true));
        Path record = dir.resolve("senders.jsonl");
        Path ca = dir.resolve("ca.pem");
        CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(() -> cmd.execute("--scenario", "good",
                "--port", "0", "--scenario", "no-starttls", "--port", "0", "--ca-out", ca.toString(),
                "--record", record.toString()),
                // Not the common pool: it has one thread on two cores, and a lab left running there would starve
                // everything else that uses it (dnsjava validates on it).
                r -> Thread.ofVirtual().name("lab-command").start(r));
        String printed = out.awaitText("CA file: " + ca + System.lineSeparator());

        SmtpSenderAccess.deliver(endpoint(printed, "good"), ca, "cli.sender.test", true);
        err.awaitText("sender 127.0.0.1 (EHLO cli.sender.test): uses STARTTLS");
        SmtpSenderAccess.deliver(endpoint(printed, "no-starttls"), ca, "cli.sender.test", false);
        err.awaitText("sender 127.0.0.1 (EHLO cli.sender.test): opportunistic TLS");

        command.stop();
        assertThat(exit.get(30, TimeUnit.SECONDS)).isZero();
        assertThat(err.text()).contains("lab stopped\nsenders seen: 1\n")
                .contains("  127.0.0.1 (EHLO cli.sender.test): opportunistic TLS, certificate checks not tested")
                .contains("falls back to plaintext when STARTTLS fails (no-starttls)")
                .contains("2 sessions; delivered 1 over TLS, 1 in plaintext; negotiated TLSv1.3 ")
                .contains("record: 3 lines in " + record);
        List<String> lines = Files.readAllLines(record);
        var mapper = JsonMapper.builder().build();
        assertThat(lines.stream().map(line -> mapper.readTree(line).get("schema").asString()))
                .containsExactly("mailtls.lab.session/1", "mailtls.lab.session/1", "mailtls.lab.sender/1");
        assertThat(mapper.readTree(lines.getLast()).get("tls").asString()).isEqualTo("opportunistic");
        assertThat(out.text().lines().filter(line -> !line.isBlank())).as("stdout: endpoints and CA only").hasSize(3);
    }

    @Test
    void anUnwritableRecordFileIsAUsageError(@TempDir Path dir) {
        var usage = new AtomicReference<CommandLine.ParameterException>();
        var cmd = new CommandLine(new LabCommand());
        cmd.setOut(new PrintWriter(new StringWriter()));
        cmd.setErr(new PrintWriter(new StringWriter()));
        cmd.setParameterExceptionHandler((ex, ignored) -> {
            usage.set(ex);
            return 64;
        });
        int status = cmd.execute("--scenario", "good", "--port", "0", "--record",
                dir.resolve("missing/dir/x.jsonl").toString());

        assertThat(status).isEqualTo(64);
        assertThat(usage.get().getMessage()).startsWith("cannot write the --record file").doesNotContain("\n");
    }

    private static InetSocketAddress endpoint(String printed, String scenario) {
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(scenario) + "\\s+127\\.0\\.0\\.1:(\\d+)").matcher(printed);
        assertThat(m.find()).as(printed).isTrue();
        return new InetSocketAddress(InetAddress.getLoopbackAddress(), Integer.parseInt(m.group(1)));
    }

}
