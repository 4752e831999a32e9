package io.mailtls.tls.probe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.mailtls.tls.registry.CipherSuites;
import io.mailtls.tls.registry.NamedGroups;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Our enumeration and sslscan's, run against the same openssl s_server, must agree. */
@Tag("interop")
class SslscanComparisonTest {
    private static final Pattern PROTOCOL =
            Pattern.compile("<protocol type=\"(ssl|tls)\" version=\"([0-9.]+)\" enabled=\"([01])\"");
    private static final Pattern CIPHER = Pattern.compile("<cipher [^>]*sslversion=\"([^\"]+)\"[^>]*id=\"0x([0-9A-Fa-f]{4})\"");
    private static final Pattern GROUP = Pattern.compile("<group [^>]*id=\"0x([0-9A-Fa-f]{4})\"");

    @TempDir
    Path dir;

    @Test
    void agreesWithSslscanOnVersionsSuitesAndGroups() throws Exception {
        OpensslServer.requireOpenssl();
        boolean present = Files.isExecutable(Path.of("/usr/bin/sslscan"));
        if (!present && "true".equals(System.getenv("CI"))) {
            throw new IllegalStateException("sslscan is required for this interop test (apt-get install sslscan)");
        }
        assumeTrue(present, "sslscan not installed");
        try (var server = OpensslServer.start(OpensslServer.rsaCertificate(dir), "-no_tls1_3",
                "-cipher", "ECDHE-RSA-AES256-GCM-SHA384:ECDHE-RSA-AES128-SHA:DHE-RSA-AES256-SHA256:AES128-SHA:@SECLEVEL=0")) {
            String xml = sslscan(server.port());
            var target = new ProbeTarget("127.0.0.1", InetAddress.getByName("127.0.0.1"), server.port(),
                    Optional.empty(), Preamble.NONE);
            TlsProfile ours = TlsProber.probe(target, ProbeOptions.DEFAULT);

            Map<String, Boolean> theirProtocols = new LinkedHashMap<>();
            Matcher m = PROTOCOL.matcher(xml);
            while (m.find()) {
                String name = m.group(1).equals("ssl") ? "SSLv" + m.group(2) : "TLSv" + m.group(2);
                theirProtocols.put(name, m.group(3).equals("1"));
            }
            assertThat(theirProtocols).hasSize(6);
            assertThat(ours.protocols()).isEqualTo(theirProtocols);

            Map<String, Set<String>> theirCiphers = new TreeMap<>();
            m = CIPHER.matcher(xml);
            while (m.find()) {
                theirCiphers.computeIfAbsent(m.group(1), k -> new HashSet<>())
                        .add(CipherSuites.nameOf(Integer.parseInt(m.group(2), 16)));
            }
            Map<String, Set<String>> ourCiphers = new TreeMap<>();
            ours.ciphers().forEach((k, v) -> ourCiphers.put(k, new HashSet<>(v)));
            assertThat(theirCiphers).isNotEmpty();
            assertThat(ourCiphers).isEqualTo(theirCiphers);

            Set<String> theirGroups = new HashSet<>();
            m = GROUP.matcher(xml);
            while (m.find()) {
                theirGroups.add(NamedGroups.nameOf(Integer.parseInt(m.group(1), 16)));
            }
            assertThat(new HashSet<>(ours.groups())).isEqualTo(theirGroups);
        }
    }

    private static String sslscan(int port) throws Exception {
        Process p = new ProcessBuilder(List.of("sslscan", "--xml=-", "--no-colour", "--no-fallback",
                "--no-renegotiation", "--no-compression", "--no-heartbleed", "--no-check-certificate",
                "127.0.0.1:" + port)).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException("sslscan did not finish");
        }
        return out;
    }
}
