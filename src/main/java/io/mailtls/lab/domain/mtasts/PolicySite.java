package io.mailtls.lab.domain.mtasts;

import java.util.Locale;
import java.util.Objects;

/**
 * One domain's MTA-STS policy as the lab serves it at {@code https://mta-sts.DOMAIN/.well-known/mta-sts.txt}.
 *
 * @param domain the policy domain, such as {@code all-good.lab.test} (lower case, no final dot)
 * @param policy the policy file text (RFC 8461 §3.2)
 * @param fault  how the host misbehaves for this domain, {@link PolicyFault#NONE} for not at all
 */
public record PolicySite(String domain, String policy, PolicyFault fault) {

    public PolicySite {
        Objects.requireNonNull(domain, "domain");
        Objects.requireNonNull(policy, "policy");
        Objects.requireNonNull(fault, "fault");
        domain = domain.toLowerCase(Locale.ROOT);
        if (domain.endsWith(".")) {
            domain = domain.substring(0, domain.length() - 1);
        }
        if (domain.isEmpty()) {
            throw new IllegalArgumentException("empty policy domain");
        }
    }

    /** The policy host name, {@code mta-sts.DOMAIN}. */
    public String host() {
        return "mta-sts." + domain;
    }
}
