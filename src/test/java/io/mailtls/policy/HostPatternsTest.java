package io.mailtls.policy;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** RFC 8461 §4.1 MX matching and RFC 6125 wildcard rules. */
class HostPatternsTest {
    @ParameterizedTest
    @CsvSource({
        "mx.example.org, mx.example.org, true",
        "MX.Example.ORG, mx.example.org., true",
        "mx.example.org, mx2.example.org, false",
        "*.example.org, mx.example.org, true",
        "*.example.org, MX.EXAMPLE.ORG, true",
        "*.example.org, example.org, false",
        "*.example.org, a.b.example.org, false",
        "*.example.org, .example.org, false",
        "mx*.example.org, mx1.example.org, false",
        "*.*.example.org, a.b.example.org, false",
        "example.org, mx.example.org, false",
    })
    void matchesExactlyOneLeftmostLabel(String pattern, String host, boolean expected) {
        assertThat(HostPatterns.matches(pattern, host)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({
        "mx.example.org, true",
        "xn--bcher-kva.example, true",
        "1mx.example, true",
        "a, true",
        "mx-.example, false",
        "-mx.example, false",
        "mx_1.example, false",
        "mx..example, false",
        "mx.example., false",
        "'', false",
    })
    void domainSyntaxIsRfc5321(String name, boolean expected) {
        assertThat(HostPatterns.isDomain(name)).isEqualTo(expected);
    }
}
