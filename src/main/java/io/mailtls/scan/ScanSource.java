package io.mailtls.scan;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;

/**
 * Where the targets come from: a file (read twice when it is a regular file: once to count, for the progress bar's
 * total, once to scan) or a stream such as standard input (read once, total unknown).
 */
public final class ScanSource {
    private final Path file;
    private final InputStream stream;

    private ScanSource(Path file, InputStream stream) {
        this.file = file;
        this.stream = stream;
    }

    /** Targets from a file. */
    public static ScanSource file(Path file) {
        return new ScanSource(file, null);
    }

    /** Targets from a stream, read once. */
    public static ScanSource stream(InputStream in) {
        return new ScanSource(null, in);
    }

    /** The number of target lines, when the source can be read twice (a regular file). */
    public OptionalLong count() throws IOException {
        if (file == null || !Files.isRegularFile(file)) {
            return OptionalLong.empty();
        }
        try (InputStream in = Files.newInputStream(file)) {
            return OptionalLong.of(TargetInput.count(in));
        }
    }

    InputStream open() throws IOException {
        return file != null ? Files.newInputStream(file) : stream;
    }

    /** The file, or null for a stream. */
    public Path path() {
        return file;
    }
}
