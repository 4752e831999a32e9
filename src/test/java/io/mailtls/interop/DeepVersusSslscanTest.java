package io.mailtls.interop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.mailtls.audit.CheckOptions;
import io.mailtls.audit.TargetAudit;
import io.mailtls.cert.TrustAnchors;
import io.mailtls.net.TargetParser;
import io.mailtls.testsupport.PostfixServer;
import io.mailtls.testsupport.StandardListeners;
import io.mailtls.testsupport.TestPki;
import io.mailtls.testsupport.WithPostfix;
import io.mailtls.tls.probe.TlsProfile;
import io.mailtls.tls.registry.CipherSuites;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code check --deep} against real Postfix listeners, compared with sslscan (Debian's, XML output) on the same
 * listener through SMTP STARTTLS: the same protocols, the same set of suites, the same preferred suite.
 */
@WithPostfix
class DeepVersusSslscanTest {
    private static final Pattern PROTOCOL =
            Pattern.compile("<protocol type=\"(ssl|tls)\" version=\"([0-9.]+)\" enabled=\"([01])\"");
    private static final Pattern CIPHER =
            Pattern.compile("<cipher status=\"(preferred|accepted)\" sslversion=\"([^\"]+)\"[^>]*id=\"0x([0-9A-Fa-f]{4})\"");

    private final PostfixServer postfix;

    DeepVersusSslscanTest(PostfixServer postfix) {
        this.postfix = postfix;
    }

    @ParameterizedTest
    @ValueSource(strings = {StandardListeners.GOOD, StandardListeners.TLS12_ONLY, StandardListeners.RESTRICTED_CIPHERS,
        StandardListeners.TLS10_ONLY})
    void enumerationMatchesSslscan(String listener) throws Exception {
        boolean present = Files.isExecutable(Path.of("/usr/bin/sslscan"));
        if (!present && "true".equals(System.getenv("CI"))) {
            throw new IllegalStateException("sslscan is required (apt-get install sslscan)");
        }
        assumeTrue(present, "sslscan not installed");
        int port = postfix.listener(listener).getPort();
        var options = new CheckOptions("client.mailtls.test", TestPki.DEFAULT_HOST, null,
                TrustAnchors.load(postfix.caFile()), Duration.ofSeconds(10), Duration.ofSeconds(60), true, false)
                .withDeep(true);
        TlsProfile ours = new TargetAudit(options, TargetAudit.Progress.NONE)
                .check(TargetParser.parse("127.0.0.1:" + port)).endpoints().getFirst().facts().probe();
        String xml = sslscan(port);

        Map<String, Boolean> theirProtocols = new LinkedHashMap<>();
        Matcher m = PROTOCOL.matcher(xml);
        while (m.find()) {
            theirProtocols.put(m.group(1).equals("ssl") ? "SSLv" + m.group(2) : "TLSv" + m.group(2), m.group(3).equals("1"));
        }
        assertThat(theirProtocols).as(xml).hasSize(6);
        assertThat(ours.protocols()).isEqualTo(theirProtocols);

        Map<String, List<String>> theirCiphers = new TreeMap<>();
        Map<String, String> theirPreferred = new TreeMap<>();
        m = CIPHER.matcher(xml);
        while (m.find()) {
            String name = CipherSuites.nameOf(Integer.parseInt(m.group(3), 16));
            theirCiphers.computeIfAbsent(m.group(2), k -> new ArrayList<>()).add(name);
            if (m.group(1).equals("preferred")) {
                theirPreferred.put(m.group(2), name);
            }
        }
        Map<String, Set<String>> ourSets = new TreeMap<>();
        ours.ciphers().forEach((k, v) -> ourSets.put(k, new HashSet<>(v)));
        Map<String, Set<String>> theirSets = new TreeMap<>();
        theirCiphers.forEach((k, v) -> theirSets.put(k, new HashSet<>(v)));
        assertThat(ourSets).isEqualTo(theirSets);
        if (Boolean.TRUE.equals(ours.serverOrder())) {
            // With a server-imposed order both tools must agree on the server's first choice per protocol.
            theirPreferred.forEach((proto, name) -> assertThat(ours.ciphers().get(proto).getFirst()).as(proto).isEqualTo(name));
        }
        if (listener.equals(StandardListeners.RESTRICTED_CIPHERS)) {
            assertThat(ours.serverOrder()).isTrue();
            assertThat(ours.ciphers().get("TLSv1.2")).containsExactly("TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256",
                    "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384");
        }
    }

    /**
     * The lab's legacy scenarios, where Debian's OpenSSL (and so sslscan) can take part: the same protocols, and the
     * same suites except 3DES, which that OpenSSL does not have at all (we find it; sslscan cannot).
     */
    @ParameterizedTest
    @ValueSource(strings = {"tls10-only", "weak-ciphers"})
    void legacyLabScenariosMatchSslscanWhereOpensslCanSpeakThem(String scenario) throws Exception {
        boolean present = Files.isExecutable(Path.of("/usr/bin/sslscan"));
        if (!present && "true".equals(System.getenv("CI"))) {
            throw new IllegalStateException("sslscan is required (apt-get install sslscan)");
        }
        assumeTrue(present, "sslscan not installed");
        var s = io.mailtls.lab.Scenario.byId(scenario).orElseThrow();
        try (var lab = io.mailtls.lab.Lab.start(io.mailtls.lab.LabConfig.of(s))) {
            int port = lab.address(s).getPort();
            var options = new CheckOptions("client.mailtls.test", "mx.lab.test", null, TrustAnchors.load(lab.caFile()),
                    Duration.ofSeconds(10), Duration.ofSeconds(60), true, false).withDeep(true);
            TlsProfile ours = new TargetAudit(options, TargetAudit.Progress.NONE)
                    .check(TargetParser.parse("127.0.0.1:" + port)).endpoints().getFirst().facts().probe();
            String xml = sslscan(port);
            Map<String, Boolean> theirProtocols = new LinkedHashMap<>();
            Matcher m = PROTOCOL.matcher(xml);
            while (m.find()) {
                theirProtocols.put(m.group(1).equals("ssl") ? "SSLv" + m.group(2) : "TLSv" + m.group(2),
                        m.group(3).equals("1"));
            }
            assertThat(ours.protocols()).as(xml).isEqualTo(theirProtocols);
            Set<String> theirs = new HashSet<>();
            m = CIPHER.matcher(xml);
            while (m.find()) {
                theirs.add(m.group(2) + " " + CipherSuites.nameOf(Integer.parseInt(m.group(3), 16)));
            }
            Set<String> mine = new HashSet<>();
            ours.ciphers().forEach((proto, names) -> names.forEach(n -> mine.add(proto + " " + n)));
            assertThat(theirs).isNotEmpty();
            assertThat(mine).containsAll(theirs);
            assertThat(mine.stream().filter(x -> !theirs.contains(x)).toList()).allMatch(x -> x.contains("3DES"));
        }
    }

    private static String sslscan(int port) throws Exception {
        Process p = new ProcessBuilder(List.of("sslscan", "--xml=-", "--no-colour", "--starttls-smtp",
                "--no-fallback", "--no-renegotiation", "--no-compression", "--no-heartbleed", "--no-check-certificate",
                "127.0.0.1:" + port)).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(180, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException("sslscan did not finish");
        }
        return out;
    }
}
