package io.mailtls.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mailtls.audit.CheckOptions;
import io.mailtls.audit.CheckReport;
import io.mailtls.audit.TargetAudit;
import io.mailtls.cert.TrustAnchors;
import io.mailtls.facts.EndpointFacts;
import io.mailtls.net.Endpoint;
import io.mailtls.net.Mode;
import io.mailtls.net.TargetParser;
import io.mailtls.smtp.TranscriptLine;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The per-connection guard: nothing here connects anywhere (the delegate runner only records). */
class GuardedEngineTest {
    private final List<Endpoint> delegated = new ArrayList<>();
    private final TargetAudit.EndpointRunner recorder = (e, expected, live) -> {
        delegated.add(e);
        return new EndpointFacts(e, expected, List.of(), null, null, null, null, null, null, null);
    };

    private static Endpoint endpoint(String address, int port) throws Exception {
        return new Endpoint("mx.example.org", InetAddress.getByName(address), port, Mode.STARTTLS, 10);
    }

    @Test
    void aSpecialPurposeAddressIsNeverHandedToTheEngine() throws Exception {
        List<TranscriptLine> live = new ArrayList<>();
        EndpointFacts f = new GuardedEngine(false).runner(recorder).run(endpoint("127.0.0.1", 25), "mx.example.org", live::add);

        assertThat(delegated).isEmpty();
        assertThat(f.failure()).isNotNull();
        assertThat(f.failure().detail()).contains("127.0.0.1", "loopback", "does not connect there");
        assertThat(live).singleElement().satisfies(l -> assertThat(l.text()).isEqualTo(f.failure().detail()));
        assertThat(f.transcript()).hasSize(1);
    }

    @Test
    void publicAddressesOnMailPortsGoThrough() throws Exception {
        Endpoint e = endpoint("93.184.215.14", 25);
        new GuardedEngine(false).runner(recorder).run(e, "mx.example.org", l -> { });
        assertThat(delegated).containsExactly(e);
    }

    @Test
    void otherPortsAreRefusedEvenOnPublicAddresses() throws Exception {
        EndpointFacts f = new GuardedEngine(false).runner(recorder).run(endpoint("93.184.215.14", 8080), "x", l -> { });
        assertThat(delegated).isEmpty();
        assertThat(f.failure().detail()).contains("port 8080 is not a mail port");
    }

    @Test
    void allowPrivateLetsEverythingThrough() throws Exception {
        Endpoint e = endpoint("127.0.0.1", 2525);
        new GuardedEngine(true).runner(recorder).run(e, "x", l -> { });
        assertThat(delegated).containsExactly(e);
    }

    @Test
    void policyHostsKeepOnlyAllowedAddresses() throws Exception {
        var mixed = new GuardedEngine(false).policyHosts(host -> List.of(
                new InetSocketAddress(InetAddress.getByName("10.1.1.1"), 443),
                new InetSocketAddress(InetAddress.getByName("93.184.215.14"), 443)));
        assertThat(mixed.resolve("mta-sts.example.org")).extracting(a -> a.getAddress().getHostAddress())
                .containsExactly("93.184.215.14");

        var onlyLoopback = new GuardedEngine(false).policyHosts(host -> List.of(
                new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 443)));
        assertThatThrownBy(() -> onlyLoopback.resolve("mta-sts.example.org")).isInstanceOf(IOException.class)
                .hasMessageContaining("not fetched").hasMessageContaining("loopback");
    }

    @Test
    void theReportNamesTheRefusalForWhatItIs() {
        GuardedEngine guard = new GuardedEngine(false);
        CheckOptions options = new CheckOptions("test.invalid", "mx.example.org", null, TrustAnchors.load(null),
                Duration.ofSeconds(2), Duration.ofSeconds(10), true, true);
        // A literal target: the engine resolves nothing, and the guarded runner connects nowhere.
        CheckReport raw = new TargetAudit(options, TargetAudit.Progress.NONE, guard.runner(recorder), () -> {
            throw new AssertionError("no domain lookups for a literal target");
        }).check(TargetParser.parse("127.0.0.1:25"));
        CheckReport r = raw;

        assertThat(delegated).isEmpty();
        assertThat(r.findings()).extracting(f -> f.id()).contains(GuardedEngine.ADDRESS_NOT_ALLOWED)
                .doesNotContain("CONNECT_TIMEOUT");
        assertThat(r.endpoints().getFirst().verdict().findings()).extracting(f -> f.id())
                .contains(GuardedEngine.ADDRESS_NOT_ALLOWED);
        assertThat(r.outcome().name()).isEqualTo("INCONCLUSIVE");
    }
}
