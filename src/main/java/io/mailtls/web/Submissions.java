package io.mailtls.web;

import java.util.regex.Pattern;

/** Accepts or refuses a visitor's request to check a target; the JSON API and the HTML form share it. */
final class Submissions {
    private static final Pattern NAME = Pattern.compile(
            "(?=.{1,253}$)[A-Za-z0-9_]([A-Za-z0-9_-]{0,61}[A-Za-z0-9_])?(\\.[A-Za-z0-9_]([A-Za-z0-9_-]{0,61}[A-Za-z0-9_])?)*\\.?");

    private final TargetGuard guard;
    private final CheckJobs jobs;
    private final RateLimiter limiter;

    /** What became of a request. */
    sealed interface Result permits Accepted, Rejected {
    }

    /** The check runs. */
    record Accepted(CheckJob job) implements Result {
    }

    /**
     * The check does not run.
     *
     * @param status     the HTTP status (400 refused or malformed, 429 rate limit, 503 busy)
     * @param error      why, for people
     * @param retryAfter seconds to wait, or 0 when waiting does not help
     */
    record Rejected(int status, String error, long retryAfter) implements Result {
    }

    Submissions(TargetGuard guard, CheckJobs jobs, RateLimiter limiter) {
        this.guard = guard;
        this.jobs = jobs;
        this.limiter = limiter;
    }

    Result submit(String client, String target, boolean deep, String expectName) {
        // Every attempt costs a token, refused ones too: the guard's DNS lookups are not free for probing.
        long wait = limiter.acquire(client);
        if (wait > 0) {
            return new Rejected(429, "too many checks from your address; try again in " + wait + " s", wait);
        }
        String expect = expectName == null || expectName.isBlank() ? null : expectName.strip();
        if (expect != null && !NAME.matcher(expect).matches()) {
            return new Rejected(400, "expect_name must be a host name", 0);
        }
        return switch (guard.decide(target)) {
            case TargetGuard.Refused r -> new Rejected(400, r.reason(), 0);
            case TargetGuard.Allowed a -> {
                try {
                    yield new Accepted(jobs.submit(a, expect == null ? null : expect.toLowerCase(java.util.Locale.ROOT), deep));
                } catch (CheckJobs.BusyException e) {
                    yield new Rejected(503, e.getMessage(), 5);
                }
            }
        };
    }
}
