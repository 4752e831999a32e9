package io.mailtls.lab.domain;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.Objects;

/**
 * One domain the domain lab publishes, and what a correct domain check must find there.
 *
 * @param id               the scenario name, such as {@code mx-not-covered} ({@code bulk} for bulk domains)
 * @param domain           the domain to check, such as {@code mx-not-covered.lab.test}
 * @param description      one line saying what is wrong (or right) with it
 * @param expectedFindings finding ids of the contract a correct check reports for it (others may appear too)
 * @param signing          how its DNS data is signed
 * @param mx               its mail hosts in preference order (the implicit MX for {@code no-mx}; none for {@code null-mx})
 * @param slow             true when a check must run into one of its own timeouts here (a stalling policy host)
 */
public record DomainScenario(String id, String domain, String description, List<String> expectedFindings,
                             Signing signing, List<Mx> mx, boolean slow) {

    public DomainScenario {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(domain, "domain");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(signing, "signing");
        expectedFindings = List.copyOf(expectedFindings);
        mx = List.copyOf(mx);
    }

    /** How a domain's DNS data is signed, so what a validating resolver makes of it. */
    public enum Signing {
        /** Signed under the lab's trust anchor: SECURE. */
        SIGNED,
        /** Delegated without DS: INSECURE. */
        UNSIGNED,
        /** Signed, but every signature expired: BOGUS. */
        BOGUS
    }

    /**
     * One mail host of the domain and the lab endpoint behind it.
     *
     * @param host         the MX host name
     * @param preference   the MX preference (0 for an implicit MX)
     * @param address      the loopback address and the lab's common SMTP port
     * @param smtpScenario the lab scenario the endpoint serves ({@code good}, {@code expired}, ...)
     */
    public record Mx(String host, int preference, InetSocketAddress address, String smtpScenario) {
    }
}
