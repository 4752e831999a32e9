package io.mailtls.dns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DnsConfigTest {
    @ParameterizedTest
    @CsvSource({
        "127.0.0.1, 127.0.0.1, 53",
        "127.0.0.1:5353, 127.0.0.1, 5353",
        "::1, 0:0:0:0:0:0:0:1, 53",
        "'[::1]:54', 0:0:0:0:0:0:0:1, 54",
        "[::1], 0:0:0:0:0:0:0:1, 53",
        "' 127.0.0.2:1 ', 127.0.0.2, 1",
    })
    void parsesResolverAddresses(String text, String address, int port) {
        InetSocketAddress parsed = DnsConfig.parseServer(text);

        assertThat(parsed.getAddress().getHostAddress()).isEqualTo(address);
        assertThat(parsed.getPort()).isEqualTo(port);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "127.0.0.1:0", "127.0.0.1:65536", "127.0.0.1:x", "[::1", "[::1]x", ":53"})
    void refusesBadResolverAddressesWithOneLine(String text) {
        assertThatThrownBy(() -> DnsConfig.parseServer(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageNotContaining("\n");
    }

    @Test
    void defaultsTrustTheTwoRootKeys() {
        DnsConfig config = DnsConfig.defaults();

        assertThat(config.anchors().anchors()).hasSize(2)
                .anyMatch(a -> a.startsWith(". DS 20326 8 2 "))
                .anyMatch(a -> a.startsWith(". DS 38696 8 2 "));
        assertThat(config.lookupDeadline()).isEqualTo(DnsConfig.DEFAULT_TIMEOUT.multipliedBy(4));
    }

    @Test
    void refusesNonPositiveTimeouts() {
        assertThatThrownBy(() -> DnsConfig.defaults().withTimeout(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void readsAnchorFilesWithDsAndDnskeyLines(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("anchors");
        Files.writeString(file, """
                ; comment
                example.test. IN DS 12345 13 2 8cb0fc6c527506a053f4f14c8464bebbd6dede2738d11468dd953d7d6a3021f1
                example.test. 3600 IN DNSKEY 257 3 13 mdsswUyr3DPW132mOi8V9xESWE8jTo0dxCjjnopKl+GqJxpVXckHAeF+KkxLbxILfDLUT0rAK9iUzy1L53eKGQ==
                example.test. IN A 192.0.2.1
                """);

        TrustAnchors anchors = TrustAnchors.fromFile(file);

        assertThat(anchors.anchors()).hasSize(2);
        assertThat(anchors.anchors().get(0)).startsWith("example.test. DS 12345");
        assertThat(anchors.anchors().get(1)).startsWith("example.test. DNSKEY 257 3 13");
    }

    @Test
    void refusesAnchorFilesThatAreMissingBrokenOrEmpty(@TempDir Path dir) throws Exception {
        Path broken = Files.writeString(dir.resolve("broken"), "example.test. IN DS not-a-number\n");
        Path empty = Files.writeString(dir.resolve("empty"), "; nothing\nexample.test. IN A 192.0.2.1\n");

        assertThatThrownBy(() -> TrustAnchors.fromFile(dir.resolve("missing")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("cannot read");
        assertThatThrownBy(() -> TrustAnchors.fromFile(broken))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not valid zone-file syntax");
        assertThatThrownBy(() -> TrustAnchors.fromFile(empty))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no DS or DNSKEY");
    }

    @Test
    void namesAreNormalisedAndIdnsConverted() {
        assertThat(DnsNames.display(DnsNames.toName("MX.Example.ORG."))).isEqualTo("mx.example.org");
        assertThat(DnsNames.display(DnsNames.toName("bücher.example"))).isEqualTo("xn--bcher-kva.example");
        assertThatThrownBy(() -> DnsNames.toName("a..b")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> DnsNames.toName("x".repeat(64) + ".example"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
