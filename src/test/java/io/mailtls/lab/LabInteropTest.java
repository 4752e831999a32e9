package io.mailtls.lab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Real clients that are not ours (OpenSSL's s_client, swaks) against the lab. */
@Tag("interop")
class LabInteropTest {

    private static final Duration TOOL_TIMEOUT = Duration.ofSeconds(30);
    private static final int MAX_OUTPUT = 1024 * 1024;

    private static Lab lab;

    @BeforeAll
    static void startLab() throws Exception {
        lab = Lab.start(LabConfig.of(Scenario.GOOD, Scenario.TLS10_ONLY, Scenario.WEAK_CIPHERS, Scenario.HUGE_CHAIN,
                Scenario.EXPIRED));
    }

    @AfterAll
    static void stopLab() {
        lab.close();
    }

    @Test
    void opensslVerifiesTheGoodChainAndName() throws Exception {
        Result result = sClient(Scenario.GOOD, "-verify_return_error", "-verify_hostname", "mx.lab.test");
        assertThat(result.status()).as(result.output()).isZero();
        assertThat(result.output()).contains("Verify return code: 0 (ok)").contains("TLSv1.3");
    }

    @Test
    void opensslRefusesTheExpiredLeaf() throws Exception {
        Result result = sClient(Scenario.EXPIRED, "-verify_return_error");
        assertThat(result.status()).isNotZero();
        assertThat(result.output()).contains("certificate has expired");
    }

    @Test
    void swaksDeliversAMessageOverStarttls() throws Exception {
        requireTool("swaks");
        InetSocketAddress good = lab.address(Scenario.GOOD);
        Result result = run("swaks", "--server", "127.0.0.1:" + good.getPort(), "--tls", "--to", "x@lab.test",
                "--from", "swaks@client.lab.test", "--helo", "client.lab.test", "--timeout", "20");
        assertThat(result.status()).as(result.output()).isZero();
        assertThat(result.output()).contains("STARTTLS").contains("250 2.0.0 Ok: queued");
        assertThat(lab.server(Scenario.GOOD).messages())
                .anySatisfy(message -> {
                    assertThat(message.mailFrom()).isEqualTo("swaks@client.lab.test");
                    assertThat(message.recipients()).containsExactly("x@lab.test");
                    assertThat(message.overTls()).isTrue();
                });
    }

    @Test
    void tls10OnlyCompletesTls10WithOpensslAndRefusesTls12() throws Exception {
        assertThat(lab.legacyTlsActive()).as(LegacyTlsSessionListener.WHY).isTrue();
        // Debian's OpenSSL 3 allows TLS 1.0 only at security level 0.
        Result tls10 = sClient(Scenario.TLS10_ONLY, "-tls1", "-cipher", "DEFAULT:@SECLEVEL=0", "-verify_return_error");
        assertThat(tls10.status()).as(tls10.output()).isZero();
        assertThat(tls10.output()).containsPattern("Protocol\\s+: TLSv1\\n");
        Result tls12 = sClient(Scenario.TLS10_ONLY, "-tls1_2");
        assertThat(tls12.status()).isNotZero();
        assertThat(tls12.output()).contains("unsupported protocol");
    }

    /**
     * Debian's OpenSSL has no 3DES suites at all ("DES-CBC3-SHA" is "no cipher match"), so this
     * proves the static-RSA half with OpenSSL; the 3DES half is proven with the JDK client in
     * {@link LabScenarioTest}.
     */
    @Test
    void weakCiphersSpeaksStaticRsaWithOpensslAndNothingForwardSecret() throws Exception {
        assertThat(lab.legacyTlsActive()).as(LegacyTlsSessionListener.WHY).isTrue();
        Result staticRsa = sClient(Scenario.WEAK_CIPHERS, "-tls1_2", "-cipher", "AES128-SHA:@SECLEVEL=0",
                "-verify_return_error");
        assertThat(staticRsa.status()).as(staticRsa.output()).isZero();
        assertThat(staticRsa.output()).contains("Cipher is AES128-SHA");
        Result forwardSecret = sClient(Scenario.WEAK_CIPHERS, "-tls1_2", "-cipher",
                "ECDHE-RSA-AES128-GCM-SHA256:ECDHE-ECDSA-AES128-GCM-SHA256:DHE-RSA-AES128-GCM-SHA256");
        assertThat(forwardSecret.status()).isNotZero();
        assertThat(forwardSecret.output()).contains("handshake failure");
        Result tls13 = sClient(Scenario.WEAK_CIPHERS, "-tls1_3");
        assertThat(tls13.status()).isNotZero();
    }

    @Test
    void hugeChainExceedsOpensslsHundredKilobyteCertificateListLimit() throws Exception {
        Result result = sClient(Scenario.HUGE_CHAIN);
        assertThat(result.status()).isNotZero();
        assertThat(result.output()).contains("excessive message size");
    }

    private Result sClient(Scenario scenario, String... extra) throws Exception {
        requireTool("openssl");
        List<String> command = new ArrayList<>(List.of("openssl", "s_client", "-starttls", "smtp",
                "-connect", "127.0.0.1:" + lab.address(scenario).getPort(), "-servername", "mx.lab.test",
                "-CAfile", lab.caFile().toString(), "-crlf"));
        command.addAll(List.of(extra));
        return run(command.toArray(String[]::new));
    }

    private record Result(int status, String output) {
    }

    private static Result run(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        try (OutputStream stdin = process.getOutputStream()) {
            stdin.write("QUIT\n".getBytes(StandardCharsets.US_ASCII));
        } catch (IOException e) {
            // The tool may have exited already; its output says why.
        }
        var output = new ByteArrayOutputStream();
        Thread reader = Thread.ofVirtual().start(() -> copyBounded(process.getInputStream(), output));
        if (!process.waitFor(TOOL_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
            process.destroyForcibly();
            fail(String.join(" ", command) + " did not finish within " + TOOL_TIMEOUT);
        }
        reader.join(TOOL_TIMEOUT);
        synchronized (output) {
            return new Result(process.exitValue(), output.toString(StandardCharsets.UTF_8));
        }
    }

    private static void copyBounded(InputStream in, ByteArrayOutputStream out) {
        byte[] buffer = new byte[8192];
        try (in) {
            int n;
            while ((n = in.read(buffer)) >= 0) {
                synchronized (out) {
                    if (out.size() < MAX_OUTPUT) {
                        out.write(buffer, 0, n);
                    }
                }
            }
        } catch (IOException e) {
            // The process ended; what was read is the evidence.
        }
    }

    /** Skips without the tool, except on CI (CI=true), where a missing tool is a failure. */
    private static void requireTool(String name) {
        boolean found = List.of(System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)).stream()
                .anyMatch(dir -> !dir.isEmpty() && Files.isExecutable(Path.of(dir, name)));
        if (!found) {
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                fail(name + " is not installed, and CI=true requires the interop tests to run (apt-get install "
                        + name + ")");
            }
            Assumptions.abort(name + " is not installed");
        }
    }
}
