package io.mailtls.policy.mtasts;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailtls.policy.Problem;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** RFC 8461 §3.2: the policy file grammar, rule by rule. */
class StsPolicyParserTest {
    static final String GOOD = "version: STSv1\r\nmode: enforce\r\nmx: mx1.example.org\r\nmx: *.example.net\r\nmax_age: 604800\r\n";

    static List<String> errors(StsPolicyResult r) {
        return Problem.messages(r.problems(), Problem.Level.ERROR);
    }

    static List<String> warnings(StsPolicyResult r) {
        return Problem.messages(r.problems(), Problem.Level.WARNING);
    }

    @Test
    void validPolicyIsReadCompletely() {
        StsPolicyResult r = StsPolicyParser.parse(GOOD);

        assertThat(r.valid()).isTrue();
        assertThat(r.problems()).isEmpty();
        assertThat(r.lineEndings()).isEqualTo("CRLF");
        assertThat(r.policy()).isEqualTo(new StsPolicy("STSv1", StsMode.ENFORCE, 604800L,
                List.of("mx1.example.org", "*.example.net"), java.util.Map.of()));
    }

    @Test
    void lfLineEndsAndNoFinalLineEndAreValid() {
        StsPolicyResult r = StsPolicyParser.parse("version: STSv1\nmode: testing\nmx: mx.example.org\nmax_age: 86400");

        assertThat(r.valid()).isTrue();
        assertThat(r.problems()).isEmpty();
        assertThat(r.lineEndings()).isEqualTo("LF");
        assertThat(r.policy().mode()).isEqualTo(StsMode.TESTING);
    }

    @Test
    void whitespaceAfterTheColonAndAtLineEndIsAllowed() {
        StsPolicyResult r = StsPolicyParser.parse("version:STSv1\nmode:\t enforce \nmx:mx.example.org\t\nmax_age: 604800  \n");

        assertThat(r.valid()).isTrue();
        assertThat(r.problems()).isEmpty();
        assertThat(r.policy().mode()).isEqualTo(StsMode.ENFORCE);
    }

    @Test
    void modeNoneNeedsNoMx() {
        StsPolicyResult r = StsPolicyParser.parse("version: STSv1\nmode: none\nmax_age: 86400\n");

        assertThat(r.valid()).isTrue();
        assertThat(r.policy().mx()).isEmpty();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
        "mode: enforce\\nmx: a.example\\nmax_age: 86400\\n|'version: STSv1' field is missing",
        "version: STSv2\\nmode: enforce\\nmx: a.example\\nmax_age: 86400\\n|is not 'STSv1'",
        "version: stsv1\\nmode: enforce\\nmx: a.example\\nmax_age: 86400\\n|is not 'STSv1'",
        "version: STSv1\\nmx: a.example\\nmax_age: 86400\\n|'mode' field is missing",
        "version: STSv1\\nmode: enforced\\nmx: a.example\\nmax_age: 86400\\n|is not 'enforce', 'testing' or 'none'",
        "version: STSv1\\nmode: Enforce\\nmx: a.example\\nmax_age: 86400\\n|is not 'enforce', 'testing' or 'none'",
        "version: STSv1\\nmode: enforce\\nmx: a.example\\n|'max_age' field is missing",
        "version: STSv1\\nmode: enforce\\nmx: a.example\\nmax_age: 1w\\n|not 1 to 10 digits",
        "version: STSv1\\nmode: enforce\\nmx: a.example\\nmax_age: -1\\n|not 1 to 10 digits",
        "version: STSv1\\nmode: enforce\\nmx: a.example\\nmax_age: 12345678901\\n|not 1 to 10 digits",
        "version: STSv1\\nmode: enforce\\nmax_age: 86400\\n|must list at least one MX pattern",
        "version: STSv1\\nmode: testing\\nmax_age: 86400\\n|must list at least one MX pattern",
        "version: STSv1\\nmode: enforce\\nmx: a.example.\\nmax_age: 86400\\n|ends with a dot",
        "version: STSv1\\nmode: enforce\\nmx: mail.*.example\\nmax_age: 86400\\n|only have a wildcard as its whole first label",
        "version: STSv1\\nmode: enforce\\nmx: *mail.example\\nmax_age: 86400\\n|only have a wildcard as its whole first label",
        "version: STSv1\\nmode: enforce\\nmx: *.*.example\\nmax_age: 86400\\n|only have a wildcard as its whole first label",
        "version: STSv1\\nmode: enforce\\nmx: mail_1.example\\nmax_age: 86400\\n|is not a host name",
        "version: STSv1\\nmode: enforce\\nmx: -mail.example\\nmax_age: 86400\\n|is not a host name",
        "version: STSv1\\nmode: enforce\\nmx:\\nmax_age: 86400\\n|'mx' has no value",
        "version: STSv1\\nmode: enforce\\nmx a.example\\nmax_age: 86400\\n|is not 'name: value'",
        "version: STSv1\\nmode : enforce\\nmx: a.example\\nmax_age: 86400\\n|directly before ':'",
        "version: STSv1\\rmode: enforce\\nmx: a.example\\nmax_age: 86400\\n|CR not followed by LF",
        "version: STSv1\\nmode: enforce\\nmx: a.example\\nmax_age: 86400\\nnote: a\u0001b\\n|control characters",
        "\uFEFFversion: STSv1\\nmode: enforce\\nmx: a.example\\nmax_age: 86400\\n|byte-order mark",
    })
    void everyRuleThatSendersEnforceIsAnError(String body, String expected) {
        StsPolicyResult r = StsPolicyParser.parse(body.replace("\\n", "\n").replace("\\r", "\r"));

        assertThat(r.valid()).isFalse();
        assertThat(errors(r)).anySatisfy(e -> assertThat(e).contains(expected));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
        "version: STSv1\\nmode: enforce\\nmode: testing\\nmx: a.example\\nmax_age: 86400\\n|'mode' is repeated",
        "version: STSv1\\nversion: STSv1\\nmode: enforce\\nmx: a.example\\nmax_age: 86400\\n|'version' is repeated",
        "version: STSv1\\nmode: enforce\\nmx: a.example\\nmax_age: 86400\\nmax_age: 5\\n|'max_age' is repeated",
        "version: STSv1\\nmode: enforce\\nmx: a.example\\nmx: A.example\\nmax_age: 86400\\n|listed twice",
        "version: STSv1\\nmode: enforce\\nmx: a.example\\nmax_age: 99999999\\n|above the RFC 8461 maximum",
        "version: STSv1\\nmode: enforce\\nmx: a.example\\nmax_age: 3600\\n|under a day",
        "version: STSv1\\n\\nmode: enforce\\nmx: a.example\\nmax_age: 86400\\n|blank lines",
        "version: STSv1\\nmode: enforce\\nmx: a.example\\nmax_age: 86400\\n\\n|blank lines",
        "version: STSv1\\n  \\nmode: enforce\\nmx: a.example\\nmax_age: 86400\\n|only whitespace",
        "\" version: STSv1\\nmode: enforce\\nmx: a.example\\nmax_age: 86400\\n\"|leading whitespace",
        "version: STSv1\\r\\nmode: enforce\\nmx: a.example\\r\\nmax_age: 86400\\r\\n|mixes CRLF and LF",
        "version: STSv1\\nmode: enforce\\nMX: a.example\\nmx: b.example\\nmax_age: 86400\\n|names are case-sensitive",
        "version: STSv1\\nmode: enforce\\nmx: 192.0.2.1\\nmax_age: 86400\\n|looks like an address",
    })
    void tolerableDeviationsAreWarningsAndKeepThePolicyValid(String body, String expected) {
        StsPolicyResult r = StsPolicyParser.parse(body.replace("\\n", "\n").replace("\\r", "\r"));

        assertThat(r.valid()).as(r.problems().toString()).isTrue();
        assertThat(warnings(r)).anySatisfy(w -> assertThat(w).contains(expected));
    }

    @Test
    void emptyFileIsInvalid() {
        StsPolicyResult r = StsPolicyParser.parse("");

        assertThat(errors(r)).containsExactly("the policy file is empty");
    }

    @Test
    void firstInstanceOfARepeatedFieldWins() {
        StsPolicyResult r = StsPolicyParser.parse(
                "version: STSv1\nmode: testing\nmode: enforce\nmx: a.example\nmax_age: 86400\nmax_age: 604800\n");

        assertThat(r.policy().mode()).isEqualTo(StsMode.TESTING);
        assertThat(r.policy().maxAge()).isEqualTo(86400L);
    }

    @Test
    void unknownFieldsAreKeptAndIgnored() {
        StsPolicyResult r = StsPolicyParser.parse(GOOD + "x-comment: managed by ops\r\n");

        assertThat(r.valid()).isTrue();
        assertThat(r.problems()).isEmpty();
        assertThat(r.policy().extensions()).containsEntry("x-comment", "managed by ops");
    }

    @Test
    void errorsCarryTheLineNumberAndEveryOneIsCollected() {
        StsPolicyResult r = StsPolicyParser.parse("version: STSv2\nmode: on\nmx: bad_host\nmax_age: soon\n");

        assertThat(errors(r)).containsExactly(
                "line 1: version 'STSv2' is not 'STSv1'",
                "line 2: mode 'on' is not 'enforce', 'testing' or 'none' (lower case)",
                "line 3: mx pattern 'bad_host' is not a host name (letters, digits, hyphens, dots)",
                "line 4: max_age 'soon' is not 1 to 10 digits",
                "no 'mx' field: a policy in mode enforce or testing must list at least one MX pattern");
    }

    @Test
    void garbageProducesABoundedListThatStillSaysInvalid() {
        StsPolicyResult r = StsPolicyParser.parse("garbage\n".repeat(5000));

        assertThat(r.problems()).hasSize(StsPolicyParser.MAX_PROBLEMS + 1);
        assertThat(r.valid()).isFalse();
        assertThat(r.problems().getLast().message()).contains("more problems not listed");
    }

    @Test
    void warningsBeyondTheBoundCannotHideAMissingField() {
        String body = "version: STSv1\nmode: enforce\nmx: a.example\n" + "mx: a.example\n".repeat(200);

        StsPolicyResult r = StsPolicyParser.parse(body);

        assertThat(r.valid()).isFalse();
    }

    @Test
    void suggestedTextRoundTrips() {
        var policy = new StsPolicy("STSv1", StsMode.TESTING, 604800L, List.of("mx.example.org"), java.util.Map.of());

        StsPolicyResult r = StsPolicyParser.parse(policy.toText());

        assertThat(r.valid()).isTrue();
        assertThat(r.problems()).isEmpty();
        assertThat(r.policy()).isEqualTo(policy);
    }
}
