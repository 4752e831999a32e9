package io.mailtls.scan;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailtls.cli.MailtlsCommand;
import io.mailtls.lab.Lab;
import io.mailtls.lab.LabConfig;
import io.mailtls.lab.Scenario;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

/** {@code mailtls scan} in-process: files, standard output, the summary, and usage errors. */
class ScanCommandTest {
    static Lab lab;

    @TempDir
    Path dir;

    record Run(int exit, String out, String err) {
    }

    static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = MailtlsCommand.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new Run(exit, out.toString(), err.toString());
    }

    @BeforeAll
    static void start() throws Exception {
        lab = Lab.start(LabConfig.of(Scenario.GOOD, Scenario.NO_STARTTLS, Scenario.EXPIRED));
    }

    @AfterAll
    static void stop() {
        lab.close();
    }

    String targets() {
        return "127.0.0.1:" + lab.address(Scenario.GOOD).getPort() + "\n"
                + "127.0.0.1:" + lab.address(Scenario.NO_STARTTLS).getPort() + "\n"
                + "127.0.0.1:" + lab.address(Scenario.EXPIRED).getPort() + "\n"
                + "# a comment\n" + "not a target!\n";
    }

    @Test
    void scansIntoFilesAndPrintsTheSummaryOnStandardOutput() throws IOException {
        Path in = dir.resolve("t.txt");
        Files.writeString(in, targets());
        Path out = dir.resolve("out.jsonl");
        Path csv = dir.resolve("out.csv");

        Run r = run("scan", in.toString(), "--out", out.toString(), "--csv", csv.toString(), "--ca-file",
                lab.caFile().toString(), "--expect-name", "mx.lab.test", "--concurrency", "3", "--timeout", "5");

        assertThat(r.exit()).as(r.err()).isZero();
        Map<String, JsonNode> lines = ScanFiles.byTarget(ScanFiles.lines(out));
        assertThat(lines).hasSize(4);
        assertThat(lines.get("127.0.0.1:" + lab.address(Scenario.GOOD).getPort()).path("outcome").stringValue(""))
                .isEqualTo("TLS_OK");
        assertThat(lines.get("127.0.0.1:" + lab.address(Scenario.NO_STARTTLS).getPort()).path("outcome")
                .stringValue("")).isEqualTo("NO_TLS");
        // No transcript unless asked for.
        assertThat(lines.values()).allMatch(n -> n.path("endpoints").findValue("transcript") == null);
        List<String> rows = Files.readAllLines(csv);
        assertThat(rows.getFirst()).isEqualTo("target,outcome,worst_severity,finding_ids,endpoints,ms");
        assertThat(rows).hasSize(5).anyMatch(row -> row.startsWith("127.0.0.1:" + lab.address(Scenario.EXPIRED)
                .getPort() + ",TLS_WEAK,HIGH,") && row.contains("CERT_EXPIRED"));
        assertThat(r.out()).contains("4 targets checked").containsPattern("TLS_OK +1 +25\\.0%")
                .containsPattern("NO_TLS +1 +25\\.0%").contains("STARTTLS_NOT_OFFERED").contains("TARGET_INVALID");
        assertThat(r.err()).isEmpty();
    }

    @Test
    void withoutOutTheJsonLinesGoToStandardOutputAndTheSummaryToStandardError() throws IOException {
        Path in = dir.resolve("t.txt");
        Files.writeString(in, targets());

        Run r = run("scan", in.toString(), "--ca-file", lab.caFile().toString(), "--expect-name", "mx.lab.test",
                "--transcript", "--timeout", "5");

        assertThat(r.exit()).as(r.err()).isZero();
        Map<String, JsonNode> lines = ScanFiles.byTarget(ScanFiles.lines(r.out()));
        assertThat(lines).hasSize(4);
        assertThat(lines.get("127.0.0.1:" + lab.address(Scenario.GOOD).getPort()).path("endpoints").get(0)
                .path("transcript").size()).isPositive();
        assertThat(r.err()).contains("4 targets checked");
    }

    @Test
    void resumeAfterACompleteRunChecksNothingAgain() throws IOException {
        Path in = dir.resolve("t.txt");
        Files.writeString(in, targets());
        Path out = dir.resolve("out.jsonl");
        String[] args = {"scan", in.toString(), "--out", out.toString(), "--ca-file", lab.caFile().toString(),
            "--expect-name", "mx.lab.test", "--timeout", "5"};
        assertThat(run(args).exit()).isZero();
        long before = lab.server(Scenario.GOOD).connectionsAccepted();
        String first = Files.readString(out);

        Run again = run(concat(args, "--resume"));

        assertThat(again.exit()).as(again.err()).isZero();
        assertThat(Files.readString(out)).isEqualTo(first);
        assertThat(lab.server(Scenario.GOOD).connectionsAccepted()).isEqualTo(before);
        assertThat(again.out()).contains("0 targets checked").contains("4 kept from the earlier run");
    }

    static String[] concat(String[] a, String... b) {
        String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    @ParameterizedTest
    @ValueSource(strings = {"scan /nonexistent/targets.txt", "scan IN --out /nonexistent/dir/out.jsonl",
        "scan IN --resume", "scan IN --out FOREIGN --resume", "scan IN --concurrency 0", "scan IN --out IN",
        "scan IN --out DIR", "scan IN --csv /nonexistent/dir/x.csv", "scan", "scan IN --per-address 0",
        "scan IN --target-timeout -1"})
    void usageErrorsGiveOneLineAndExit64(String line) throws IOException {
        Path in = dir.resolve("in.txt");
        Files.writeString(in, "127.0.0.1:1\n");
        Path foreign = dir.resolve("foreign.txt");
        Files.writeString(foreign, "dear diary\n");
        String[] args = line.replace("IN", in.toString()).replace("FOREIGN", foreign.toString())
                .replace("DIR", dir.toString()).split(" ");

        Run r = run(args);

        assertThat(r.exit()).as(r.err()).isEqualTo(64);
        assertThat(r.out()).isEmpty();
        assertThat(r.err().strip()).startsWith("mailtls: ").doesNotContain("\n").doesNotContain("Exception");
        assertThat(Files.readString(foreign)).isEqualTo("dear diary\n");
    }
}
