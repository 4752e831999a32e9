package io.mailtls.cert;

import static io.mailtls.cert.TestPki.cert;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class HostnameMatcherTest {

    // Without a public suffix list, only two-label wildcards (*.com) are refused: *.co.uk still matches.
    @ParameterizedTest(name = "{0} vs {1} -> {2}")
    @CsvSource(delimiter = '|', nullValues = "NULL", textBlock = """
            # reference                 | presented                    | matches
            mx.example.org              | mx.example.org               | true
            MX.Example.ORG              | mx.example.org               | true
            mx.example.org              | MX.EXAMPLE.ORG               | true
            mx.example.org.             | mx.example.org               | true
            mx.example.org              | mx.example.org.              | true
            mx.example.org              | mx2.example.org              | false
            mx.example.org              | example.org                  | false
            mx.example.org              | mx.example.org.evil.test     | false
            mx.example.org              | *.example.org                | true
            MX.EXAMPLE.ORG.             | *.Example.Org                | true
            a.b.example.org             | *.example.org                | false
            example.org                 | *.example.org                | false
            .example.org                | *.example.org                | false
            mx.example.com              | *.com                        | false
            com                         | *.com                        | false
            example.co.uk               | *.co.uk                      | true
            mx.example.org              | m*.example.org               | false
            mx.example.org              | *x.example.org               | false
            mx.example.org              | mx.*.org                     | false
            mx.example.org              | *.*.org                      | false
            mx.example.org              | **.example.org               | false
            mx.example.org              | *                            | false
            mx.example.org              | *.                           | false
            xn--bcher-kva.example.org   | *.example.org                | false
            bücher.example.org          | *.example.org                | false
            bücher.example.org          | xn--bcher-kva.example.org    | true
            xn--bcher-kva.example.org   | xn--bcher-kva.example.org    | true
            bücher.example.org          | bücher.example.org           | false
            mx.xn--bcher-kva.example    | *.xn--bcher-kva.example      | true
            mx.xn--bcher-kva.example    | xn--*.example                | false
            *.example.org               | *.example.org                | false
            mx..example.org             | mx..example.org              | false
            mx.example.org              | ''                           | false
            mx.example.org              | NULL                         | false
            NULL                        | mx.example.org               | false
            """)
    void matchesDnsIdentifiersPerRfc6125(String reference, String presented, boolean matches) {
        assertThat(HostnameMatcher.matchesDnsId(reference, presented)).isEqualTo(matches);
    }

    @ParameterizedTest(name = "mx: {0} covers {1} -> {2}")
    @CsvSource(delimiter = '|', textBlock = """
            # pattern              | MX host                 | covered
            mail.example.com       | mail.example.com        | true
            mail.example.com       | MAIL.Example.COM.       | true
            mail.example.com.      | mail.example.com        | true
            mail.example.com       | mail2.example.com       | false
            *.example.com          | mail.example.com        | true
            *.example.com          | MAIL.EXAMPLE.COM.       | true
            *.example.com          | example.com             | false
            *.example.com          | foo.bar.example.com     | false
            *.example.com          | .example.com            | false
            *.example.com          | mail.example.org        | false
            *.example.com          | mailexample.com         | false
            m*.example.com         | mail.example.com        | false
            mail.*.com             | mail.example.com        | false
            *                      | mail.example.com        | false
            ''                     | mail.example.com        | false
            """)
    void matchesMtaStsMxPatternsPerRfc8461(String pattern, String host, boolean covered) {
        assertThat(HostnameMatcher.mtaStsMxMatches(pattern, host)).isEqualTo(covered);
    }

    @Test
    void dnsSubjectAltNamesHideTheCommonName() {
        CertificateInfo cert = info(cert("CN=mx.lab.test").dns("mail.lab.test", "*.lab.test"));

        assertThat(HostnameMatcher.match("mail.lab.test", cert)).isEqualTo(new NameMatch(true, "DNS:mail.lab.test", false, ""));
        assertThat(HostnameMatcher.match("other.lab.test", cert).matchedBy()).isEqualTo("DNS:*.lab.test");
        // The CN equals the reference, but with DNS SANs present it must not be consulted.
        CertificateInfo onlyOther = info(cert("CN=mx.lab.test").dns("mail.other.test"));
        assertThat(HostnameMatcher.match("mx.lab.test", onlyOther).matches()).isFalse();
    }

    @Test
    void theCommonNameServesOnlyWithoutDnsSubjectAltNames() {
        NameMatch viaCn = HostnameMatcher.match("MX.lab.test.", info(cert("CN=mx.lab.test,O=Lab")));

        assertThat(viaCn.matches()).isTrue();
        assertThat(viaCn.matchedBy()).isEqualTo("CN:mx.lab.test");
        assertThat(viaCn.viaCommonName()).isTrue();
        assertThat(viaCn.note()).contains("no DNS subjectAltName");

        // Only an IP SAN: OpenSSL (and so Postfix) still falls back to the CN for a host name.
        NameMatch ipOnly = HostnameMatcher.match("mx.lab.test", info(cert("CN=mx.lab.test").ip("127.0.0.1")));
        assertThat(ipOnly.matchedBy()).isEqualTo("CN:mx.lab.test");

        NameMatch noNames = HostnameMatcher.match("mx.lab.test", info(cert("O=Nameless")));
        assertThat(noNames.matches()).isFalse();
        assertThat(noNames.note()).isEqualTo("the certificate has no DNS subjectAltName and no CN");
    }

    @Test
    void ipAddressesMatchOnlyIpSubjectAltNames() {
        CertificateInfo cert = info(cert("CN=127.0.0.1").dns("127.0.0.2").ip("127.0.0.1", "::1"));

        assertThat(HostnameMatcher.match("127.0.0.1", cert).matchedBy()).isEqualTo("IP:127.0.0.1");
        assertThat(HostnameMatcher.match("::1", cert).matchedBy()).isEqualTo("IP:0:0:0:0:0:0:0:1");
        assertThat(HostnameMatcher.match("[0:0::1]", cert).matches()).isTrue();
        assertThat(HostnameMatcher.match("127.0.0.2", cert).matches()).as("a DNS SAN spelling an address").isFalse();

        NameMatch cnOnly = HostnameMatcher.match("127.0.0.1", info(cert("CN=127.0.0.1")));
        assertThat(cnOnly.matches()).as("no CN fallback for addresses").isFalse();
        assertThat(cnOnly.note()).contains("only iPAddress");
    }

    @Test
    void ipLiteralsAreRecognisedWithoutAnyLookup() {
        assertThat(HostnameMatcher.ipLiteral("192.0.2.1")).isPresent();
        assertThat(HostnameMatcher.ipLiteral("[2001:db8::1]")).isPresent();
        assertThat(HostnameMatcher.ipLiteral("1.2.3")).isEmpty();
        assertThat(HostnameMatcher.ipLiteral("256.1.1.1")).isEmpty();
        assertThat(HostnameMatcher.ipLiteral("localhost")).isEmpty();
        assertThat(HostnameMatcher.ipLiteral("mx.example.org")).isEmpty();
    }

    @Test
    void invalidReferenceNamesMatchNothing() {
        CertificateInfo cert = info(cert("CN=x").dns("*.lab.test"));
        assertThat(HostnameMatcher.match(null, cert).matches()).isFalse();
        assertThat(HostnameMatcher.match("  ", cert).matches()).isFalse();
        assertThat(HostnameMatcher.match("a".repeat(64) + ".lab.test", cert).matches()).isFalse();
        assertThat(HostnameMatcher.match("bad\nname.lab.test", cert).note()).doesNotContain("\n");
    }

    private static CertificateInfo info(TestPki.Builder builder) {
        return CertificateInfo.of(builder.build().cert());
    }
}
