package io.mailtls.policy.mtasts;

import io.mailtls.policy.Problem;
import java.util.List;

/**
 * A parsed policy file and everything wrong with it.
 *
 * @param policy      what the file said (never null; fields may be missing)
 * @param problems    every problem found, errors first in file order, then warnings
 * @param lineEndings {@code "CRLF"}, {@code "LF"}, {@code "mixed"} or {@code "none"} (a single line)
 */
public record StsPolicyResult(StsPolicy policy, List<Problem> problems, String lineEndings) {
    public StsPolicyResult {
        problems = List.copyOf(problems);
    }

    /** True when no problem is an error, so senders accept the policy. */
    public boolean valid() {
        return !Problem.anyError(problems);
    }
}
