package io.mailtls.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Bad user input: one line on stderr, exit 64, nothing on stdout. */
class UsageErrorsTest {
    @ParameterizedTest
    @ValueSource(strings = {"check --bogus 127.0.0.1", "check 127.0.0.1:99999", "check", "check host:abc",
        "check --ca-file /nonexistent/root.pem 127.0.0.1:1", "check --timeout -3 127.0.0.1:1", "nosuchcommand",
        "check -4 -6 127.0.0.1:1", "check --ehlo bad\\name 127.0.0.1:1"})
    void givesOneLineAndExit64(String line) {
        CliRun r = CliRun.of(line.split(" "));
        assertThat(r.exit()).as(r.err()).isEqualTo(64);
        assertThat(r.out()).isEmpty();
        assertThat(r.err().strip()).startsWith("mailtls: ").doesNotContain("\n").doesNotContain("Exception");
    }
}
