package io.mailtls.policy.tlsrpt;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailtls.dns.TxtRecord;
import io.mailtls.policy.Problem;
import java.net.URI;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TlsRptParserTest {
    static TlsRptFacts evaluate(String... texts) {
        return TlsRptParser.evaluate("example.org",
                Arrays.stream(texts).map(t -> new TxtRecord(t, t.length(), 1)).toList());
    }

    static List<String> errors(TlsRptFacts facts) {
        return Problem.messages(facts.problems(), Problem.Level.ERROR);
    }

    @Test
    void mailtoAndHttpsDestinationsAreRead() {
        TlsRptFacts facts = evaluate("v=TLSRPTv1; rua=mailto:tlsrpt@example.org,https://reports.example.org/v1");

        assertThat(facts.status()).isEqualTo(TlsRptStatus.VALID);
        assertThat(facts.record().rua()).containsExactly(URI.create("mailto:tlsrpt@example.org"),
                URI.create("https://reports.example.org/v1"));
        assertThat(facts.problems()).isEmpty();
    }

    @Test
    void whitespaceAroundDelimitersAndATrailingSemicolonAreAllowed() {
        TlsRptFacts facts = evaluate("v=TLSRPTv1 ;\trua=mailto:a@example.org , mailto:b@example.org ;");

        assertThat(facts.status()).isEqualTo(TlsRptStatus.VALID);
        assertThat(facts.record().rua()).hasSize(2);
    }

    @Test
    void noRecordOrOnlyUnrelatedRecordsIsNone() {
        assertThat(evaluate().status()).isEqualTo(TlsRptStatus.NONE);
        assertThat(evaluate("v=spf1 -all", "google-site-verification=abc").status()).isEqualTo(TlsRptStatus.NONE);
    }

    @Test
    void unrelatedRecordsBesideTheRealOneAreDiscarded() {
        assertThat(evaluate("v=spf1 -all", "v=TLSRPTv1; rua=mailto:a@example.org").status())
                .isEqualTo(TlsRptStatus.VALID);
    }

    @Test
    void twoRecordsMeanNoReports() {
        TlsRptFacts facts = evaluate("v=TLSRPTv1; rua=mailto:a@example.org", "v=TLSRPTv1; rua=mailto:b@example.org");

        assertThat(facts.status()).isEqualTo(TlsRptStatus.INVALID);
        assertThat(errors(facts)).singleElement().asString().contains("2 records");
        assertThat(facts.candidates()).hasSize(2);
    }

    @Test
    void wrongCaseVersionIsReportedNotSilentlyIgnored() {
        TlsRptFacts facts = evaluate("v=tlsrptv1; rua=mailto:a@example.org");

        assertThat(facts.status()).isEqualTo(TlsRptStatus.INVALID);
        assertThat(errors(facts)).singleElement().asString().contains("case-sensitive");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
        "v=TLSRPTv1|has no fields",
        "v=TLSRPTv1;|has no fields",
        "v=TLSRPTv1 rua=mailto:a@example.org|expected ';'",
        "v=TLSRPTv1;;rua=mailto:a@example.org|empty field",
        "v=TLSRPTv1; ruf=mailto:a@example.org|'rua' field is missing",
        "v=TLSRPTv1; RUA=mailto:a@example.org|'rua' field is missing",
        "v=TLSRPTv1; rua|not name=value",
        "v=TLSRPTv1; rua=|empty destination",
        "v=TLSRPTv1; rua=mailto:a@example.org,,mailto:b@example.org|empty destination",
        "v=TLSRPTv1; rua=http://example.org/r|scheme reporters do not support",
        "v=TLSRPTv1; rua=ftp://example.org/r|scheme reporters do not support",
        "v=TLSRPTv1; rua=tlsrpt@example.org|no scheme",
        "v=TLSRPTv1; rua=mailto:nobody|not mailto:local-part@domain",
        "v=TLSRPTv1; rua=mailto:a@bad_domain.org|not mailto:local-part@domain",
        "v=TLSRPTv1; rua=mailto:a@example.org!10m|'!'",
        "v=TLSRPTv1; rua=https:///path|no valid host name",
        "v=TLSRPTv1; rua=https://exa mple.org/|not a URI",
        "v=TLSRPTv1; rua=mailto:a@example.org; bad name=x|field name",
        "v=TLSRPTv1; rua=mailto:a@example.org; ext=a b|value with spaces",
    })
    void everySyntaxRuleIsEnforced(String record, String expected) {
        TlsRptFacts facts = evaluate(record);

        assertThat(facts.status()).isEqualTo(TlsRptStatus.INVALID);
        assertThat(errors(facts)).anySatisfy(e -> assertThat(e).contains(expected));
    }

    @Test
    void everyErrorIsCollectedNotJustTheFirst() {
        TlsRptFacts facts = evaluate("v=TLSRPTv1; rua=mailto:nobody,http://x.example/; ext=a b");

        assertThat(errors(facts)).hasSize(3);
    }

    @Test
    void unsupportedSchemeBesideAUsableOneIsOnlyAWarning() {
        TlsRptFacts facts = evaluate("v=TLSRPTv1; rua=mailto:a@example.org,http://example.org/r");

        assertThat(facts.status()).isEqualTo(TlsRptStatus.VALID);
        assertThat(facts.record().rua()).containsExactly(URI.create("mailto:a@example.org"));
        assertThat(Problem.messages(facts.problems(), Problem.Level.WARNING)).singleElement().asString()
                .contains("http://example.org/r");
    }

    @Test
    void duplicateRuaAndUnknownFieldsAreWarnings() {
        TlsRptFacts facts = evaluate("v=TLSRPTv1; rua=mailto:a@example.org; rua=mailto:b@example.org; x-note=hi");

        assertThat(facts.status()).isEqualTo(TlsRptStatus.VALID);
        assertThat(facts.record().rua()).containsExactly(URI.create("mailto:a@example.org"));
        assertThat(facts.record().extensions()).containsEntry("x-note", "hi");
        assertThat(Problem.messages(facts.problems(), Problem.Level.WARNING)).hasSize(2);
    }

    @Test
    void oversizedRecordIsInvalidWithItsLength() {
        String big = "v=TLSRPTv1; rua=mailto:a@example.org; x=" + "y".repeat(5000);
        TlsRptFacts facts = TlsRptParser.evaluate("example.org",
                List.of(new TxtRecord(big.substring(0, TxtRecord.MAX_OCTETS), big.length(), 20)));

        assertThat(facts.status()).isEqualTo(TlsRptStatus.INVALID);
        assertThat(errors(facts)).singleElement().asString().contains(String.valueOf(big.length()));
    }
}
