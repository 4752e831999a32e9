package io.mailtls.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class TargetParserTest {
    @ParameterizedTest
    @CsvSource({
        "example.org,              example.org,   25,  STARTTLS,     false",
        "MX1.Example.org.,         mx1.example.org, 25, STARTTLS,    false",
        "mx1.example.org:2525,     mx1.example.org, 2525, STARTTLS,  true",
        "127.0.0.1,                127.0.0.1,     25,  STARTTLS,     true",
        "127.0.0.1:2525,           127.0.0.1,     2525, STARTTLS,    true",
        "[::1]:2525,               ::1,           2525, STARTTLS,    true",
        "::1,                      ::1,           25,  STARTTLS,     true",
        "smtps://mail.example.org, mail.example.org, 465, IMPLICIT_TLS, true",
        "submission://mail.example.org, mail.example.org, 587, STARTTLS, true",
        "smtps://127.0.0.1:4650,   127.0.0.1,     4650, IMPLICIT_TLS, true",
    })
    void parsesTheContractForms(String in, String host, int port, Mode mode, boolean endpointOnly) {
        Target t = TargetParser.parse(in);
        assertThat(t.host()).isEqualTo(host);
        assertThat(t.port()).isEqualTo(port);
        assertThat(t.mode()).isEqualTo(mode);
        assertThat(t.endpointOnly()).isEqualTo(endpointOnly);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "  ", "host:0", "host:65536", "host:abc", "host:", "[::1", "[::1]x", "ftp://host",
        "bad host", "-lead.example", "a..b", "[zz]:25", ":25"})
    void refusesBadTargetsWithOneLine(String in) {
        assertThatThrownBy(() -> TargetParser.parse(in)).isInstanceOf(BadTargetException.class)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n").isNotBlank());
    }

    @Test
    void bracketsIpv6InHostPort() {
        assertThat(TargetParser.parse("[::1]:25").hostPort()).isEqualTo("[::1]:25");
    }
}
