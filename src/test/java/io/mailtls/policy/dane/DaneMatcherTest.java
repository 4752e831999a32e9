package io.mailtls.policy.dane;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailtls.dns.TlsaRdata;
import io.mailtls.policy.TestCerts;
import io.mailtls.policy.dane.DaneMatch.Verdict;
import io.mailtls.policy.dane.TlsaRecord.MatchingType;
import io.mailtls.policy.dane.TlsaRecord.Selector;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every TLSA usage x selector x matching type against chains made with Bouncy Castle. */
class DaneMatcherTest {
    static final Instant NOW = Instant.now();
    static final List<String> NAMES = List.of("mx.example.org");

    static TestCerts.Issued root;
    static TestCerts.Issued intermediate;
    static TestCerts.Issued leaf;
    static TestCerts.Issued stranger;
    static List<X509Certificate> chain;

    @BeforeAll
    static void makeChain() {
        root = TestCerts.ca("Root", TestCerts.rsaKeys());
        intermediate = TestCerts.intermediate(root, "Intermediate");
        leaf = TestCerts.leaf(intermediate, "mx.example.org", List.of("mx.example.org"));
        stranger = TestCerts.ca("Stranger");
        chain = List.of(leaf.cert(), intermediate.cert(), root.cert());
    }

    static TlsaRecord record(int usage, Selector s, MatchingType m, X509Certificate of) {
        return TlsaParser.parse(TlsaRdata.of(usage, s.value, m.value, DaneMatcher.association(of, s, m)));
    }

    static Stream<Arguments> everySelectorAndMatchingType() {
        List<Arguments> all = new ArrayList<>();
        for (Selector s : Selector.values()) {
            for (MatchingType m : MatchingType.values()) {
                all.add(Arguments.of(s, m));
            }
        }
        return all.stream();
    }

    @ParameterizedTest(name = "DANE-EE(3) {0} {1}")
    @MethodSource("everySelectorAndMatchingType")
    void daneEeMatchesTheLeafOnly(Selector s, MatchingType m) {
        assertThat(DaneMatcher.match(List.of(record(3, s, m, leaf.cert())), chain, NAMES, NOW).verdict())
                .isEqualTo(Verdict.MATCH);
        assertThat(DaneMatcher.match(List.of(record(3, s, m, intermediate.cert())), chain, NAMES, NOW).verdict())
                .isEqualTo(Verdict.NO_MATCH);
        assertThat(DaneMatcher.match(List.of(record(3, s, m, stranger.cert())), chain, NAMES, NOW).verdict())
                .isEqualTo(Verdict.NO_MATCH);
    }

    @ParameterizedTest(name = "DANE-TA(2) {0} {1}")
    @MethodSource("everySelectorAndMatchingType")
    void daneTaMatchesAnIssuerInTheChain(Selector s, MatchingType m) {
        DaneMatch viaIntermediate = DaneMatcher.match(List.of(record(2, s, m, intermediate.cert())), chain, NAMES, NOW);
        DaneMatch viaRoot = DaneMatcher.match(List.of(record(2, s, m, root.cert())), chain, NAMES, NOW);
        DaneMatch viaStranger = DaneMatcher.match(List.of(record(2, s, m, stranger.cert())), chain, NAMES, NOW);

        assertThat(viaIntermediate.verdict()).isEqualTo(Verdict.MATCH);
        assertThat(viaIntermediate.depth()).isEqualTo(1);
        assertThat(viaRoot.verdict()).isEqualTo(Verdict.MATCH);
        assertThat(viaRoot.depth()).isEqualTo(2);
        assertThat(viaStranger.verdict()).isEqualTo(Verdict.NO_MATCH);
    }

    @ParameterizedTest(name = "DANE-TA(2) {0} {1} on the leaf")
    @MethodSource("everySelectorAndMatchingType")
    void daneTaRecordOfTheLeafItselfIsNoTrustAnchor(Selector s, MatchingType m) {
        DaneMatch match = DaneMatcher.match(List.of(record(2, s, m, leaf.cert())), chain, NAMES, NOW);

        assertThat(match.verdict()).isEqualTo(Verdict.NO_MATCH);
        assertThat(match.evidence()).singleElement().asString().contains("must match an issuing CA");
    }

    @ParameterizedTest(name = "PKIX usage {0} {1}")
    @MethodSource("everySelectorAndMatchingType")
    void pkixUsagesAreNeverUsedEvenWhenTheyWouldMatch(Selector s, MatchingType m) {
        DaneMatch match = DaneMatcher.match(
                List.of(record(0, s, m, root.cert()), record(1, s, m, leaf.cert())), chain, NAMES, NOW);

        assertThat(match.verdict()).isEqualTo(Verdict.NO_USABLE_RECORDS);
        assertThat(match.suggestedRecord()).isNotNull();
    }

    @Test
    void daneEeIgnoresNamesAndDates() {
        var expiredWrongName = TestCerts.leaf(intermediate, "other.example", List.of("other.example"),
                NOW.minus(Duration.ofDays(60)), NOW.minus(Duration.ofDays(1)));
        var served = List.of(expiredWrongName.cert(), intermediate.cert());

        DaneMatch match = DaneMatcher.match(
                List.of(record(3, Selector.SPKI, MatchingType.SHA256, expiredWrongName.cert())), served, NAMES, NOW);

        assertThat(match.verdict()).isEqualTo(Verdict.MATCH);
        assertThat(match.depth()).isZero();
    }

    @Test
    void daneTaChecksTheLeafNames() {
        var wrongName = TestCerts.leaf(intermediate, "other.example", List.of("other.example"));
        var served = List.of(wrongName.cert(), intermediate.cert());
        var ta = List.of(record(2, Selector.SPKI, MatchingType.SHA256, intermediate.cert()));

        DaneMatch wrong = DaneMatcher.match(ta, served, NAMES, NOW);
        DaneMatch viaAlias = DaneMatcher.match(ta, served, List.of("mx.example.org", "other.example"), NOW);

        assertThat(wrong.verdict()).isEqualTo(Verdict.NO_MATCH);
        assertThat(wrong.evidence()).singleElement().asString().contains("[other.example]").contains("RFC 7672");
        assertThat(viaAlias.verdict()).isEqualTo(Verdict.MATCH);
    }

    @Test
    void daneTaAcceptsAWildcardLeafName() {
        var wildcard = TestCerts.leaf(intermediate, "*.example.org", List.of("*.example.org"));

        DaneMatch match = DaneMatcher.match(List.of(record(2, Selector.CERT, MatchingType.SHA256, intermediate.cert())),
                List.of(wildcard.cert(), intermediate.cert()), NAMES, NOW);

        assertThat(match.verdict()).isEqualTo(Verdict.MATCH);
    }

    @Test
    void daneTaChecksTheDatesBelowTheAnchor() {
        var expired = TestCerts.leaf(intermediate, "mx.example.org", List.of("mx.example.org"),
                NOW.minus(Duration.ofDays(60)), NOW.minus(Duration.ofDays(1)));

        DaneMatch match = DaneMatcher.match(List.of(record(2, Selector.SPKI, MatchingType.SHA256, intermediate.cert())),
                List.of(expired.cert(), intermediate.cert()), NAMES, NOW);

        assertThat(match.verdict()).isEqualTo(Verdict.NO_MATCH);
        assertThat(match.evidence()).singleElement().asString().contains("valid only from");
    }

    @Test
    void daneTaRequiresTheChainToVerifyUpToTheAnchor() {
        var otherCa = TestCerts.ca("Other CA");
        var foreignLeaf = TestCerts.leaf(otherCa, "mx.example.org", List.of("mx.example.org"));

        DaneMatch match = DaneMatcher.match(List.of(record(2, Selector.SPKI, MatchingType.SHA256, intermediate.cert())),
                List.of(foreignLeaf.cert(), intermediate.cert()), NAMES, NOW);

        assertThat(match.verdict()).isEqualTo(Verdict.NO_MATCH);
        assertThat(match.evidence()).singleElement().asString().contains("not signed by the one above it");
    }

    @Test
    void fullTrustAnchorLeftOutByTheServerStillMatches() {
        var served = List.of(leaf.cert(), intermediate.cert());

        DaneMatch bySpki = DaneMatcher.match(List.of(record(2, Selector.SPKI, MatchingType.FULL, root.cert())),
                served, NAMES, NOW);
        DaneMatch byCert = DaneMatcher.match(List.of(record(2, Selector.CERT, MatchingType.FULL, root.cert())),
                served, NAMES, NOW);
        DaneMatch byDigest = DaneMatcher.match(List.of(record(2, Selector.SPKI, MatchingType.SHA256, root.cert())),
                served, NAMES, NOW);

        assertThat(bySpki.verdict()).isEqualTo(Verdict.MATCH);
        assertThat(bySpki.depth()).isEqualTo(2);
        assertThat(byCert.verdict()).isEqualTo(Verdict.MATCH);
        assertThat(byDigest.verdict()).as("a digest cannot stand in for an absent anchor").isEqualTo(Verdict.NO_MATCH);
    }

    @Test
    void oneMatchingRecordAmongSeveralIsEnoughAndEvidenceCoversTheOthers() {
        DaneMatch match = DaneMatcher.match(List.of(
                record(3, Selector.SPKI, MatchingType.SHA256, stranger.cert()),
                TlsaParser.parse("4 1 1 " + "00".repeat(32)),
                record(3, Selector.SPKI, MatchingType.SHA512, leaf.cert())), chain, NAMES, NOW);

        assertThat(match.verdict()).isEqualTo(Verdict.MATCH);
        assertThat(match.matched().raw().matchingType()).isEqualTo(2);
        assertThat(match.evidence()).hasSize(2);
        assertThat(match.evidence().getFirst()).contains("no match");
    }

    @Test
    void suggestedRecordMatchesTheServedLeaf() {
        DaneMatch miss = DaneMatcher.match(List.of(record(3, Selector.SPKI, MatchingType.SHA256, stranger.cert())),
                chain, NAMES, NOW);

        DaneMatch fixed = DaneMatcher.match(List.of(TlsaParser.parse(miss.suggestedRecord())), chain, NAMES, NOW);

        assertThat(miss.verdict()).isEqualTo(Verdict.NO_MATCH);
        assertThat(fixed.verdict()).isEqualTo(Verdict.MATCH);
    }

    @Test
    void noChainIsNotAMismatch() {
        DaneMatch match = DaneMatcher.match(List.of(record(3, Selector.SPKI, MatchingType.SHA256, leaf.cert())),
                List.of(), NAMES, NOW);

        assertThat(match.verdict()).isEqualTo(Verdict.NO_CHAIN);
        assertThat(match.suggestedRecord()).isNull();
    }
}
