package io.mailtls.scan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading back an interrupted scan's output for --resume. */
class ExistingOutputTest {
    @TempDir
    Path dir;

    static String line(String target, String outcome) {
        return "{\"schema\":\"mailtls.check/1\",\"target\":\"" + target + "\",\"duration_ms\":12,\"outcome\":\""
                + outcome + "\",\"findings\":[{\"id\":\"CERT_EXPIRED\",\"severity\":\"HIGH\"},"
                + "{\"id\":\"MX_OK\",\"severity\":\"OK\"}],\"endpoints\":[{},{}]}";
    }

    @Test
    void tornLastLineIsIgnoredThenCutAndEveryCompleteLineCounts() throws IOException {
        Path out = dir.resolve("out.jsonl");
        String whole = line("a.example", "TLS_WEAK") + "\n" + line("b.example", "TLS_OK") + "\n";
        Files.writeString(out, whole + line("c.example", "NO_TLS").substring(0, 40));
        List<ResultSummary> seen = new ArrayList<>();

        long complete = ExistingOutput.read(out, seen::add);
        long cut = ExistingOutput.cut(out, complete);

        assertThat(seen).extracting(ResultSummary::target).containsExactly("a.example", "b.example");
        assertThat(seen.getFirst().ids()).containsExactly("CERT_EXPIRED");
        assertThat(seen.getFirst().endpoints()).isEqualTo(2);
        assertThat(cut).isEqualTo(40);
        assertThat(Files.readString(out)).isEqualTo(whole);
    }

    @Test
    void fileWithoutAnyLineEndIsOneTornLine() throws IOException {
        Path out = dir.resolve("out.jsonl");
        Files.writeString(out, "{\"schema\":\"mailtls.ch");

        long complete = ExistingOutput.read(out, s -> { });

        assertThat(complete).isZero();
        assertThat(ExistingOutput.cut(out, complete)).isEqualTo(21);
        assertThat(Files.size(out)).isZero();
    }

    @Test
    void foreignFileIsRefusedAndLeftAsItWas() throws IOException {
        Path out = dir.resolve("notes.txt");
        String text = line("a.example", "TLS_OK") + "\nmy shopping list\n";
        Files.writeString(out, text);

        assertThatThrownBy(() -> ScanOutput.files(out, null, true))
                .isInstanceOf(BadOutputFileException.class)
                .hasMessageContaining("line 2").hasMessageNotContaining("\n");
        assertThat(Files.readString(out, StandardCharsets.UTF_8)).isEqualTo(text);
    }

    @Test
    void otherJsonIsRefusedToo() throws IOException {
        Path out = dir.resolve("other.jsonl");
        Files.writeString(out, "{\"schema\":\"other/1\",\"target\":\"x\"}\n");

        assertThatThrownBy(() -> ScanOutput.files(out, null, true)).isInstanceOf(BadOutputFileException.class);
        Files.writeString(out, line("x", "MAYBE") + "\n");
        assertThatThrownBy(() -> ScanOutput.files(out, null, true)).isInstanceOf(BadOutputFileException.class)
                .hasMessageContaining("unknown outcome 'MAYBE'");
    }

    @Test
    void resumeRebuildsTheCsvFromTheJsonLines() throws IOException {
        Path out = dir.resolve("out.jsonl");
        Path csv = dir.resolve("out.csv");
        Files.writeString(out, line("a.example", "TLS_WEAK") + "\n" + line("b,example", "TLS_OK") + "\n{\"tor");
        Files.writeString(csv, "stale\n");

        try (ScanOutput o = ScanOutput.files(out, csv, true)) {
            assertThat(o.resumed()).isEqualTo(2);
            assertThat(o.tornBytes).isEqualTo(5);
            assertThat(o.done.contains(TargetKeys.of("a.example"))).isTrue();
        }

        assertThat(Files.readAllLines(csv)).containsExactly(CsvRows.HEADER,
                "a.example,TLS_WEAK,HIGH,CERT_EXPIRED,2,12", "\"b,example\",TLS_OK,HIGH,CERT_EXPIRED,2,12");
    }
}
