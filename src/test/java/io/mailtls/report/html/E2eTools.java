package io.mailtls.report.html;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The tools of the e2e folder (npm packages installed by {@code npm ci} in {@code e2e/}): a missing tool fails the
 * test when {@code CI=true}, and skips it otherwise.
 */
public final class E2eTools {
    private E2eTools() {
    }

    /** The repository's e2e folder. */
    public static Path e2eDir() {
        return Path.of("e2e").toAbsolutePath();
    }

    /** Where e2e tests keep their artifacts (screenshots, validated pages). */
    public static Path artifacts() throws IOException {
        return Files.createDirectories(Path.of("target", "e2e").toAbsolutePath());
    }

    /** Fails (CI) or skips (elsewhere) unless {@code path} exists. */
    public static Path require(Path path, String how) {
        if (!Files.exists(path)) {
            String why = path + " is missing: " + how;
            if ("true".equals(System.getenv("CI"))) {
                fail(why);
            }
            assumeTrue(false, why);
        }
        return path;
    }

    /** The Nu HTML checker's jar from the vnu-jar npm package. */
    public static Path vnuJar() {
        return require(e2eDir().resolve("node_modules/vnu-jar/build/dist/vnu.jar"),
                "run `npm ci --ignore-scripts` in e2e/");
    }

    /** The java launcher of the JDK running the tests. */
    public static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** The outcome of a finished process. */
    public record Run(int exit, String output) {
    }

    /** Runs a command with a time limit; its stdout and stderr together are the output. */
    public static Run run(List<String> command, Path dir, java.util.Map<String, String> env, long timeoutSeconds)
            throws IOException, InterruptedException {
        Path log = Files.createTempFile("mailtls-e2e-", ".log");
        try {
            ProcessBuilder pb = new ProcessBuilder(new ArrayList<>(command)).directory(dir.toFile())
                    .redirectErrorStream(true).redirectOutput(log.toFile());
            pb.environment().putAll(env);
            Process p = pb.start();
            if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                fail(String.join(" ", command) + " did not finish in " + timeoutSeconds + " s:\n" + Files.readString(log));
            }
            return new Run(p.exitValue(), Files.readString(log));
        } finally {
            Files.deleteIfExists(log);
        }
    }

    /** Validates HTML files with the Nu HTML checker and returns its report (errors only); exit 0 means valid. */
    public static Run validate(List<Path> files) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(java(), "-jar", vnuJar().toString(), "--errors-only", "--format", "gnu"));
        files.forEach(f -> cmd.add(f.toString()));
        return run(cmd, artifacts(), java.util.Map.of(), 180);
    }
}
