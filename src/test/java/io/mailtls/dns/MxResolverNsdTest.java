package io.mailtls.dns;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** MX set logic (order, null MX, implicit MX, aliases, IP literals) against zones served by nsd. */
@Tag("interop")
class MxResolverNsdTest {
    @TempDir
    static Path dir;
    static NsdServer nsd;
    static MxResolver resolver;

    @BeforeAll
    static void startNsd() throws Exception {
        String many = IntStream.range(0, 20).mapToObj(i -> "@ IN MX " + i + " mx" + i + "\nmx" + i + " IN A 127.0.1." + i)
                .collect(Collectors.joining("\n"));
        nsd = NsdServer.start(dir, List.of(
                NsdServer.Zone.signed("secure.test", """
                        @ IN MX 20 mx2
                        @ IN MX 10 mx1
                        mx1 IN A 127.0.0.1
                        mx2 IN AAAA ::1
                        """),
                NsdServer.Zone.unsigned("nullmx.test", "@ IN MX 0 ."),
                NsdServer.Zone.unsigned("implicit.test", "@ IN A 127.0.0.9"),
                NsdServer.Zone.unsigned("none.test", "www IN A 127.0.0.8"),
                NsdServer.Zone.unsigned("badmx.test", """
                        @ IN MX 10 alias
                        @ IN MX 20 192.0.2.1.
                        @ IN MX 30 gone
                        alias IN CNAME real
                        real IN A 127.0.0.10
                        """),
                NsdServer.Zone.unsigned("mixednull.test", """
                        @ IN MX 0 .
                        @ IN MX 10 mx
                        mx IN A 127.0.0.11
                        """),
                NsdServer.Zone.unsigned("many.test", many),
                NsdServer.Zone.unsigned("broken.test", "bad IN TLSA \\# 2 0301")));
        resolver = new MxResolver(DnsClient.create(nsd.config(Duration.ofSeconds(2))));
    }

    @AfterAll
    static void stopNsd() throws Exception {
        if (nsd != null) {
            nsd.close();
        }
    }

    @Test
    void listedHostsComeInPreferenceOrderWithAddressesAndStatus() {
        MxFacts facts = resolver.resolve("secure.test");

        assertThat(facts.kind()).isEqualTo(MxKind.LISTED);
        assertThat(facts.mx().dnssec()).isEqualTo(DnssecStatus.SECURE);
        assertThat(facts.hosts()).extracting(MxHost::preference, MxHost::host)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(10, "mx1.secure.test"),
                        org.assertj.core.groups.Tuple.tuple(20, "mx2.secure.test"));
        assertThat(facts.hosts().get(0).addresses().ipv4().records()).hasSize(1);
        assertThat(facts.hosts().get(1).addresses().ipv4().outcome()).isEqualTo(DnsOutcome.NODATA);
        assertThat(facts.hosts().get(1).addresses().ipv6().records()).hasSize(1);
        assertThat(facts.hosts()).noneMatch(MxHost::alias).noneMatch(MxHost::ipLiteral);
    }

    @Test
    void singleRootExchangeIsNullMx() {
        MxFacts facts = resolver.resolve("nullmx.test");

        assertThat(facts.kind()).isEqualTo(MxKind.NULL_MX);
        assertThat(facts.hosts()).isEmpty();
    }

    @Test
    void noMxButAnAddressIsAnImplicitMx() {
        MxFacts facts = resolver.resolve("implicit.test");

        assertThat(facts.kind()).isEqualTo(MxKind.IMPLICIT);
        assertThat(facts.hosts()).singleElement().satisfies(h -> {
            assertThat(h.host()).isEqualTo("implicit.test");
            assertThat(h.preference()).isZero();
            assertThat(h.addresses().exists()).isTrue();
        });
    }

    @Test
    void noMxAndNoAddressIsNone() {
        assertThat(resolver.resolve("none.test").kind()).isEqualTo(MxKind.NONE);
        MxFacts missing = resolver.resolve("nosuch.none.test");
        assertThat(missing.kind()).isEqualTo(MxKind.NONE);
        assertThat(missing.mx().outcome()).isEqualTo(DnsOutcome.NXDOMAIN);
    }

    @Test
    void aliasIpLiteralAndAddresslessTargetsAreFlagged() {
        MxFacts facts = resolver.resolve("badmx.test");

        assertThat(facts.hosts()).hasSize(3);
        MxHost alias = facts.hosts().get(0);
        assertThat(alias.alias()).isTrue();
        assertThat(alias.aliases()).containsExactly("real.badmx.test");
        assertThat(alias.addresses().exists()).isTrue();
        MxHost literal = facts.hosts().get(1);
        assertThat(literal.host()).isEqualTo("192.0.2.1");
        assertThat(literal.ipLiteral()).isTrue();
        MxHost gone = facts.hosts().get(2);
        assertThat(gone.addresses().exists()).isFalse();
        assertThat(gone.addresses().conclusive()).isTrue();
        assertThat(gone.addresses().ipv4().outcome()).isEqualTo(DnsOutcome.NXDOMAIN);
    }

    @Test
    void nullMxBesideOtherRecordsIsNotedAndSkipped() {
        MxFacts facts = resolver.resolve("mixednull.test");

        assertThat(facts.kind()).isEqualTo(MxKind.LISTED);
        assertThat(facts.nullMxMixed()).isTrue();
        assertThat(facts.hosts()).extracting(MxHost::host).containsExactly("mx.mixednull.test");
    }

    @Test
    void hugeMxSetIsCapped() {
        MxFacts facts = resolver.resolve("many.test");

        assertThat(facts.mx().records()).hasSize(20);
        assertThat(facts.hosts()).hasSize(MxResolver.MAX_HOSTS);
        assertThat(facts.hostsCapped()).isTrue();
        assertThat(facts.hosts().getFirst().host()).isEqualTo("mx0.many.test");
    }

    @Test
    void failedLookupIsNotMistakenForNoMail() {
        MxFacts facts = resolver.resolve("broken.test");

        assertThat(facts.kind()).isEqualTo(MxKind.LOOKUP_FAILED);
        assertThat(facts.mx().outcome()).isEqualTo(DnsOutcome.SERVFAIL);
    }
}
