package io.mailtls.testsupport;

import java.nio.file.Path;

import org.junit.jupiter.api.Assumptions;

/** Finds the Debian tools interop tests drive; a missing one skips the test, or fails it when {@code CI=true}. */
public final class Programs {
    private Programs() {
    }

    /** The program's path; aborts (skips) the calling test if absent, or throws AssertionError on CI. */
    public static Path require(String program) {
        var found = ExternalCommand.find(program);
        if (found.isPresent()) {
            return found.get();
        }
        String message = program + " is not installed (see .ci/run for the Debian packages)";
        if ("true".equals(System.getenv("CI"))) {
            throw new AssertionError(message);
        }
        Assumptions.abort(message);
        throw new AssertionError("unreachable: Assumptions.abort always throws");
    }
}
