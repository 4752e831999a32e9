package io.mailtls.lab.domain;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import io.mailtls.lab.LabConfig;
import io.mailtls.lab.Scenario;
import io.mailtls.lab.domain.DomainScenario.Signing;
import io.mailtls.lab.domain.dns.LabZone;
import io.mailtls.lab.pki.LabPki;
import io.mailtls.lab.tls.ServerTls;

/**
 * The bulk lab's layout: which endpoint serves which scenario, which domains name which endpoints.
 * Endpoints share one wildcard certificate per kind ({@code *.bulk.lab.test}) and one TLS context
 * per scenario, so a thousand endpoints cost a thousand sockets and little else.
 */
final class BulkLayout {

    static final String ZONE = "bulk." + DomainPublisher.APEX;
    private static final int PER_BLOCK = 254 * 256;
    /** The contract's GREETING_SLOW threshold. */
    private static final java.time.Duration SLOW = java.time.Duration.ofSeconds(5);

    private final BulkConfig config;
    private final List<Scenario> scenarios;

    private BulkLayout(BulkConfig config, List<Scenario> scenarios) {
        this.config = config;
        this.scenarios = scenarios;
    }

    /** Assigns the faulty and slow scenarios to a seeded random choice of endpoints. */
    static BulkLayout of(BulkConfig config) {
        int n = config.endpoints();
        List<Integer> order = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            order.add(i);
        }
        Collections.shuffle(order, new Random(config.seed()));
        int faulty = (int) Math.round(n * config.faultyFraction());
        int slow = Math.min(n - faulty, (int) Math.round(n * config.slowFraction()));
        Scenario[] assigned = new Scenario[n];
        java.util.Arrays.fill(assigned, Scenario.GOOD);
        for (int i = 0; i < faulty; i++) {
            assigned[order.get(i)] = i % 2 == 0 ? Scenario.NO_STARTTLS : Scenario.EXPIRED;
        }
        for (int i = faulty; i < faulty + slow; i++) {
            assigned[order.get(i)] = Scenario.SLOW_GREETING;
        }
        return new BulkLayout(config, List.of(assigned));
    }

    static String host(int endpoint) {
        return "mx" + endpoint + "." + ZONE;
    }

    static String domain(int number) {
        return "d" + number + "." + ZONE;
    }

    InetAddress address(int endpoint) {
        int block = config.addressBlock() + endpoint / PER_BLOCK;
        int inBlock = endpoint % PER_BLOCK;
        return DomainPublisher.address(block, inBlock / 254, inBlock % 254 + 1);
    }

    Scenario scenario(int endpoint) {
        return scenarios.get(endpoint);
    }

    /** The endpoints of domain {@code number}: one, or two for odd numbers, spread over all endpoints. */
    List<Integer> mxOf(int number) {
        int n = config.endpoints();
        int first = number % n;
        int second = (int) ((number * 7L + 3) % n);
        return number % 2 == 1 && second != first ? List.of(first, second) : List.of(first);
    }

    /** One endpoint spec per endpoint; TLS contexts and certificates shared by credential kind and scenario. */
    List<EndpointGroup.Spec> endpoints(LabPki pki) {
        Map<Scenario, ServerTls> tls = new EnumMap<>(Scenario.class);
        List<EndpointGroup.Spec> specs = new ArrayList<>(scenarios.size());
        for (int i = 0; i < scenarios.size(); i++) {
            Scenario s = scenarios.get(i);
            ServerTls context = tls.computeIfAbsent(s, k -> ServerTls.create(
                    pki.issue(k.plan().credential(), List.of("*." + ZONE)), k.plan().tls()));
            specs.add(new EndpointGroup.Spec(address(i), s, context));
        }
        return specs;
    }

    /** MX and A records for every domain and endpoint, all signed. */
    LabZone zone() {
        LabZone.Builder zone = LabZone.builder(DomainPublisher.APEX);
        for (int i = 0; i < config.endpoints(); i++) {
            zone.address(host(i), address(i));
        }
        for (int d = 0; d < config.domains(); d++) {
            List<Integer> mx = mxOf(d);
            for (int k = 0; k < mx.size(); k++) {
                zone.mx(domain(d), 10 * (k + 1), host(mx.get(k)));
            }
        }
        return zone.build();
    }

    /** The domains as scenarios, with what their endpoints make a check find. */
    List<DomainScenario> domains(int smtpPort, LabConfig smtp) {
        List<DomainScenario> out = new ArrayList<>(config.domains());
        for (int d = 0; d < config.domains(); d++) {
            List<Integer> mx = mxOf(d);
            List<DomainScenario.Mx> hosts = new ArrayList<>(mx.size());
            List<String> expected = new ArrayList<>();
            for (int k = 0; k < mx.size(); k++) {
                Scenario s = scenario(mx.get(k));
                hosts.add(new DomainScenario.Mx(host(mx.get(k)), 10 * (k + 1),
                        new InetSocketAddress(address(mx.get(k)), smtpPort), s.id()));
                String finding = switch (s) {
                    case NO_STARTTLS -> "STARTTLS_NOT_OFFERED";
                    case EXPIRED -> "CERT_EXPIRED";
                    case SLOW_GREETING -> smtp.greetingDelay().compareTo(SLOW) > 0 ? "GREETING_SLOW" : null;
                    default -> null;
                };
                if (finding != null && !expected.contains(finding)) {
                    expected.add(finding);
                }
            }
            out.add(new DomainScenario("bulk", domain(d), "bulk domain with " + mx.size() + " MX", expected,
                    Signing.SIGNED, hosts, false));
        }
        return out;
    }
}
