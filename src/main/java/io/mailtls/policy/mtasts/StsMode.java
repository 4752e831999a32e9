package io.mailtls.policy.mtasts;

import java.util.Optional;

/** An MTA-STS policy mode (RFC 8461 §5): what a sender does when an MX fails the policy. */
public enum StsMode {
    /** Senders refuse to deliver to an MX that fails the policy. */
    ENFORCE("enforce"),
    /** Senders deliver anyway and report failures via TLS-RPT. */
    TESTING("testing"),
    /** The domain withdraws its policy. */
    NONE("none");

    private final String token;

    StsMode(String token) {
        this.token = token;
    }

    /** The value as written in the policy file. */
    public String token() {
        return token;
    }

    /** The mode for an exact, case-sensitive policy token. */
    public static Optional<StsMode> of(String token) {
        for (StsMode m : values()) {
            if (m.token.equals(token)) {
                return Optional.of(m);
            }
        }
        return Optional.empty();
    }
}
