package io.mailtls.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.Inet6Address;
import java.net.InetAddress;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Every special-purpose range is refused; ordinary public unicast is not. Literals only: no DNS, no connection. */
class AddressPolicyTest {

    @ParameterizedTest(name = "{0} is refused as {1}")
    @CsvSource(delimiter = '|', textBlock = """
            0.0.0.0          | this network
            0.255.255.255    | this network
            10.0.0.1         | private network
            10.255.255.255   | private network
            100.64.0.1       | carrier-grade NAT
            100.127.255.254  | carrier-grade NAT
            127.0.0.1        | loopback
            127.255.255.254  | loopback
            169.254.169.254  | link-local
            172.16.0.1       | private network
            172.31.255.255   | private network
            192.0.0.8        | IETF protocol assignments
            192.0.2.25       | documentation
            192.88.99.1      | 6to4 relay
            192.168.1.1      | private network
            198.18.0.1       | benchmarking
            198.19.255.255   | benchmarking
            198.51.100.7     | documentation
            203.0.113.9      | documentation
            224.0.0.251      | multicast
            239.255.255.250  | multicast
            240.0.0.1        | reserved
            255.255.255.255  | broadcast
            ::               | unspecified
            ::1              | loopback
            ::7f00:1         | IPv4-compatible
            fe80::1          | link-local
            febf::1          | link-local
            fec0::1          | site-local
            fc00::1          | unique local
            fd12:3456::1     | unique local
            ff02::1          | multicast
            ff05::fb         | multicast
            100::1           | discard-only
            2001:db8::25     | documentation
            2001::1          | Teredo
            2001:2::1        | benchmarking
            2002:7f00:1::1   | 6to4
            3fff::1          | documentation
            5f00::1          | segment routing
            64:ff9b::7f00:1  | loopback
            64:ff9b::a00:1   | private network
            64:ff9b:1::1     | local-use NAT64
            4000::1          | outside global unicast
            """)
    void specialPurposeAddressesAreRefused(String literal, String why) throws Exception {
        assertThat(AddressPolicy.refusal(InetAddress.getByName(literal))).hasValueSatisfying(r -> assertThat(r).contains(why));
    }

    @ParameterizedTest(name = "IPv4-mapped {0} is refused as {1}")
    @CsvSource(delimiter = '|', textBlock = """
            127.0.0.1    | loopback
            10.1.2.3     | private network
            169.254.1.1  | link-local
            100.64.0.1   | carrier-grade NAT
            """)
    void ipv4MappedIpv6IsJudgedByItsIpv4Address(String v4, String why) throws Exception {
        byte[] b = new byte[16];
        b[10] = (byte) 0xff;
        b[11] = (byte) 0xff;
        System.arraycopy(InetAddress.getByName(v4).getAddress(), 0, b, 12, 4);
        // Java turns "::ffff:a.b.c.d" text into an Inet4Address; a resolver may still hand over the IPv6 form.
        InetAddress mapped = Inet6Address.getByAddress(null, b, -1);
        assertThat(mapped).isInstanceOf(Inet6Address.class);
        assertThat(AddressPolicy.refusal(mapped)).hasValueSatisfying(r -> assertThat(r).contains(v4).contains(why));
        assertThat(AddressPolicy.refusal(InetAddress.getByName("::ffff:" + v4))).isPresent();
    }

    @ParameterizedTest(name = "{0} may be checked")
    @ValueSource(strings = {"1.1.1.1", "8.8.8.8", "9.255.255.255", "11.0.0.1", "100.63.255.255", "100.128.0.1",
            "126.255.255.255", "128.0.0.1", "169.253.255.255", "172.15.255.255", "172.32.0.1", "192.0.1.1",
            "192.167.255.255", "192.169.0.1", "198.17.255.255", "198.20.0.1", "223.255.255.255",
            "2a00:1450:4001::1b", "2001:4860:4860::8888", "2606:4700::1111", "2400:cb00::1", "64:ff9b::808:808"})
    void publicUnicastIsAllowed(String literal) throws Exception {
        assertThat(AddressPolicy.refusal(InetAddress.getByName(literal))).isEmpty();
    }
}
