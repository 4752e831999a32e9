package io.mailtls.testsupport;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Runs a local program (openssl, swaks, postfix) with a deadline, capturing its merged, bounded output. */
public final class ExternalCommand {
    /** Output kept per run; more than any of our tools prints for one connection. */
    static final int MAX_OUTPUT_BYTES = 1 << 20;

    /**
     * How one run ended.
     *
     * @param command  the argument vector
     * @param exitCode the exit status, or -1 when it timed out
     * @param timedOut whether the deadline killed it
     * @param output   stdout and stderr interleaved, at most {@value #MAX_OUTPUT_BYTES} bytes, ISO-8859-1
     */
    public record Result(List<String> command, int exitCode, boolean timedOut, String output) {
        public Result {
            command = List.copyOf(command);
        }

        public boolean succeeded() {
            return !timedOut && exitCode == 0;
        }

        /** The command, how it ended and what it printed: a message for a failed assertion. */
        public String describe() {
            return String.join(" ", command) + " -> " + (timedOut ? "timed out" : "exit " + exitCode)
                    + "\n" + output;
        }
    }

    private ExternalCommand() {
    }

    /** Runs command with stdin at end of file. */
    public static Result run(Duration timeout, String... command) {
        return run(timeout, null, List.of(command));
    }

    /**
     * Runs command, feeding it stdin (or end of file when null), and kills it and its descendants at the deadline.
     * Output goes through a file, not a pipe, because a program that daemonizes (postfix start) may leave a
     * child holding the pipe open forever.
     */
    public static Result run(Duration timeout, byte[] stdin, List<String> command) {
        Path out = null;
        Path in = null;
        try {
            out = Files.createTempFile("mailtls-cmd-", ".out");
            var builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(out.toFile());
            if (stdin == null) {
                builder.redirectInput(new File("/dev/null"));
            } else {
                in = Files.createTempFile("mailtls-cmd-", ".in");
                Files.write(in, stdin);
                builder.redirectInput(in.toFile());
            }
            Process process = builder.start();
            boolean finished = process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (!finished) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                process.onExit().get(5, TimeUnit.SECONDS);
            }
            return new Result(command, finished ? process.exitValue() : -1, !finished, readBounded(out));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + command, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + command, e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException(command + " did not die after being killed", e);
        } finally {
            deleteQuietly(out);
            deleteQuietly(in);
        }
    }

    /** The program's absolute path if it is an executable on PATH (or an absolute path that exists). */
    public static Optional<Path> find(String program) {
        if (program.startsWith("/")) {
            Path p = Path.of(program);
            return Files.isExecutable(p) ? Optional.of(p) : Optional.empty();
        }
        String path = System.getenv().getOrDefault("PATH", "/usr/local/bin:/usr/bin:/bin:/usr/sbin:/sbin");
        for (String dir : path.split(File.pathSeparator)) {
            if (dir.isEmpty()) {
                continue;
            }
            Path candidate = Path.of(dir, program);
            if (Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    private static String readBounded(Path file) throws IOException {
        try (InputStream s = Files.newInputStream(file)) {
            return new String(s.readNBytes(MAX_OUTPUT_BYTES), StandardCharsets.ISO_8859_1);
        }
    }

    private static void deleteQuietly(Path p) {
        if (p != null) {
            try {
                Files.deleteIfExists(p);
            } catch (IOException ignored) {
                // A leftover temp file is not worth failing a test for.
            }
        }
    }
}
