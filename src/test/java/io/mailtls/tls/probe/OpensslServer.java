package io.mailtls.tls.probe;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A real {@code openssl s_server} on 127.0.0.1 with an ephemeral port, for interop tests. */
final class OpensslServer implements AutoCloseable {
    private static final Pattern ACCEPT = Pattern.compile("ACCEPT 127\\.0\\.0\\.1:(\\d+)");

    private final Process process;
    private final int port;

    private OpensslServer(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    /** Skips the test (or fails it under CI=true) when openssl is not installed. */
    static void requireOpenssl() {
        boolean present = Files.isExecutable(Path.of("/usr/bin/openssl"));
        if (!present && "true".equals(System.getenv("CI"))) {
            throw new IllegalStateException("openssl is required for interop tests (apt-get install openssl)");
        }
        assumeTrue(present, "openssl not installed");
    }

    /** Writes a self-signed RSA certificate and key for mx.lab.test into dir. */
    static Path[] rsaCertificate(Path dir) throws Exception {
        return certificate(dir, "rsa", List.of("-newkey", "rsa:2048"));
    }

    /** Writes a self-signed ECDSA P-256 certificate and key into dir. */
    static Path[] ecCertificate(Path dir) throws Exception {
        return certificate(dir, "ec", List.of("-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256"));
    }

    private static Path[] certificate(Path dir, String name, List<String> keyArgs) throws Exception {
        Path cert = dir.resolve(name + "-cert.pem");
        Path key = dir.resolve(name + "-key.pem");
        List<String> cmd = new ArrayList<>(List.of("openssl", "req", "-x509", "-nodes", "-days", "2",
                "-subj", "/CN=mx.lab.test", "-keyout", key.toString(), "-out", cert.toString()));
        cmd.addAll(keyArgs);
        run(cmd);
        return new Path[] {cert, key};
    }

    static void run(List<String> cmd) throws Exception {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", cmd) + " failed: " + out);
        }
    }

    /** Starts s_server with the certificate and extra arguments, and waits for its listening port. */
    static OpensslServer start(Path[] certAndKey, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("openssl", "s_server", "-accept", "127.0.0.1:0",
                "-cert", certAndKey[0].toString(), "-key", certAndKey[1].toString()));
        cmd.addAll(List.of(args));
        Process process = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        CompletableFuture<Integer> port = new CompletableFuture<>();
        Thread.ofVirtual().start(() -> {
            // Keep draining the output so s_server never blocks on a full pipe.
            try (var reader = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8))) {
                String line;
                StringBuilder seen = new StringBuilder();
                while ((line = reader.readLine()) != null) {
                    Matcher m = ACCEPT.matcher(line);
                    if (m.find()) {
                        port.complete(Integer.parseInt(m.group(1)));
                    } else if (!port.isDone() && seen.length() < 4000) {
                        seen.append(line).append('\n');
                    }
                }
                port.completeExceptionally(new IllegalStateException("s_server exited: " + seen));
            } catch (IOException e) {
                port.completeExceptionally(e);
            }
        });
        try {
            return new OpensslServer(process, port.get(20, TimeUnit.SECONDS));
        } catch (Exception e) {
            process.destroyForcibly();
            throw e;
        }
    }

    int port() {
        return port;
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
