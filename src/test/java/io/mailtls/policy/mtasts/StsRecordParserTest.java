package io.mailtls.policy.mtasts;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailtls.dns.DnsAnswer;
import io.mailtls.dns.DnsOutcome;
import io.mailtls.dns.TxtRecord;
import io.mailtls.policy.Problem;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** RFC 8461 §3.1: the {@code _mta-sts} TXT record. */
class StsRecordParserTest {
    static StsRecordResult evaluate(String... texts) {
        return StsRecordParser.evaluate(Arrays.stream(texts).map(t -> new TxtRecord(t, t.length(), 1)).toList());
    }

    static List<String> errors(StsRecordResult r) {
        return Problem.messages(r.problems(), Problem.Level.ERROR);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "v=STSv1; id=20160831085700Z",
        "v=STSv1;id=abc",
        "v=STSv1 ; id=abc ;",
        "v=STSv1;\tid=abc;\t",
        "v=STSv1; id=12345678901234567890123456789012",
        "v=STSv1; id=abc; ext.name-1=any!thing:here",
    })
    void validRecordsAreAccepted(String text) {
        StsRecordResult r = evaluate(text);

        assertThat(r.status()).as(r.problems().toString()).isEqualTo(StsRecordStatus.VALID);
        assertThat(r.record().id()).isNotBlank();
        assertThat(errors(r)).isEmpty();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
        "v=STSv1|has no fields",
        "v=STSv1;|has no fields",
        "v=STSv1 id=abc|expected ';'",
        "v=STSv1x; id=abc|expected ';'",
        "v=STSv1;; id=abc|empty field",
        "v=STSv1; ext=1|'id' field is missing",
        "v=STSv1; ID=abc|'id' field is missing",
        "v=STSv1; id=|1 to 32 letters and digits",
        "v=STSv1; id=2024-01-01|1 to 32 letters and digits",
        "v=STSv1; id=abc def|1 to 32 letters and digits",
        "v=STSv1; id=123456789012345678901234567890123|it has 33 characters",
        "v=STSv1; id=abc; ext=a=b|'=', ';'",
        "v=STSv1; id=abc; ext=é|non-ASCII",
        "v=STSv1; id=abc; _ext=1|field name",
        "v=STSv1; id=abc; novalue|not name=value",
    })
    void everySyntaxRuleMakesTheRecordInvalid(String text, String expected) {
        StsRecordResult r = evaluate(text);

        assertThat(r.status()).isEqualTo(StsRecordStatus.INVALID);
        assertThat(r.record()).isNull();
        assertThat(errors(r)).anySatisfy(e -> assertThat(e).contains(expected));
    }

    @Test
    void recordsNotStartingWithTheVersionAreDiscarded() {
        assertThat(evaluate("v=spf1 -all", "v=STSv1; id=abc").status()).isEqualTo(StsRecordStatus.VALID);
        assertThat(evaluate("v=spf1 -all").status()).isEqualTo(StsRecordStatus.NONE);
        assertThat(evaluate().status()).isEqualTo(StsRecordStatus.NONE);
    }

    @Test
    void wrongCaseVersionIsAnErrorWithEvidence() {
        StsRecordResult r = evaluate("v=stsv1; id=abc");

        assertThat(r.status()).isEqualTo(StsRecordStatus.INVALID);
        assertThat(r.candidates()).containsExactly("v=stsv1; id=abc");
        assertThat(errors(r)).singleElement().asString().contains("case-sensitive");
    }

    @Test
    void twoRecordsMeanNoPolicy() {
        StsRecordResult r = evaluate("v=STSv1; id=a", "v=STSv1; id=b");

        assertThat(r.status()).isEqualTo(StsRecordStatus.INVALID);
        assertThat(errors(r)).singleElement().asString().contains("2 records");
    }

    @Test
    void repeatedIdIsAWarningAndTheFirstWins() {
        StsRecordResult r = evaluate("v=STSv1; id=first; id=second");

        assertThat(r.status()).isEqualTo(StsRecordStatus.VALID);
        assertThat(r.record().id()).isEqualTo("first");
        assertThat(Problem.messages(r.problems(), Problem.Level.WARNING)).hasSize(1);
    }

    @Test
    void everyErrorIsCollected() {
        StsRecordResult r = evaluate("v=STSv1; id=no-good; x=a b; ;y");

        assertThat(errors(r)).hasSizeGreaterThanOrEqualTo(3);
    }

    @Test
    void failedLookupIsNotNone() {
        StsRecordResult r = StsRecordParser.evaluate(
                DnsAnswer.<TxtRecord>failed("_mta-sts.example.org", "TXT", DnsOutcome.TIMEOUT, "no answer"));

        assertThat(r.status()).isEqualTo(StsRecordStatus.LOOKUP_FAILED);
        assertThat(errors(r)).singleElement().asString().contains("TIMEOUT");
    }

    @Test
    void oversizedRecordIsInvalid() {
        StsRecordResult r = StsRecordParser.evaluate(List.of(new TxtRecord("v=STSv1; id=a", 9000, 40)));

        assertThat(r.status()).isEqualTo(StsRecordStatus.INVALID);
        assertThat(errors(r)).singleElement().asString().contains("9000 octets");
    }
}
