package io.mailtls.lab.record.sender;

import static io.mailtls.lab.record.sender.Sessions.hello;
import static io.mailtls.lab.record.sender.Sessions.on;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.mailtls.lab.Scenario;
import io.mailtls.lab.record.HandshakeFailure;
import io.mailtls.tls.wire.ClientHelloInfo;

/** Weak offers in ClientHellos, named with the registry, claimed only from what is on the wire. */
class WeakOffersTest {

    // Code points from the IANA registry.
    private static final int TLS_RSA_WITH_3DES_EDE_CBC_SHA = 0x000A;
    private static final int TLS_RSA_WITH_RC4_128_SHA = 0x0005;
    private static final int TLS_RSA_WITH_NULL_SHA = 0x0002;
    private static final int TLS_DH_ANON_WITH_AES_128_CBC_SHA = 0x0034;
    private static final int TLS_RSA_EXPORT_WITH_RC4_40_MD5 = 0x0003;
    private static final int TLS_RSA_WITH_AES_128_CBC_SHA = 0x002F;
    private static final int TLS_EMPTY_RENEGOTIATION_INFO_SCSV = 0x00FF;
    private static final int TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256 = 0xC02F;

    @Test
    void everyWeakThingIsNamedInAFixedOrder() {
        ClientHelloInfo weak = new ClientHelloInfo(0x0301, 0x0303, List.of(0x0303, 0x0302, 0x0301, 0x0300),
                List.of(TLS_RSA_WITH_3DES_EDE_CBC_SHA, TLS_RSA_WITH_RC4_128_SHA, TLS_RSA_WITH_NULL_SHA,
                        TLS_DH_ANON_WITH_AES_128_CBC_SHA, TLS_RSA_EXPORT_WITH_RC4_40_MD5),
                List.of(1, 0), Optional.empty(), List.of(), List.of(), List.of(), List.of(), List.of());

        assertThat(WeakOffers.of(List.of(on(Scenario.GOOD).startTls().hello(weak).build()))).containsExactly(
                "offers SSLv3", "offers TLSv1.0", "offers TLSv1.1", "does not offer TLSv1.3",
                "offers NULL encryption", "offers anonymous suites", "offers export suites", "offers RC4",
                "offers 3DES", "offers no forward-secret suite", "offers TLS compression");
    }

    @Test
    void aModernHelloOffersNothingWeak() {
        assertThat(WeakOffers.of(List.of(on(Scenario.GOOD).tls().build()))).isEmpty();
    }

    /** Without supported_versions, client_version is only the highest version: older ones are not claimed. */
    @Test
    void aTls12HelloWithoutSupportedVersionsClaimsNoOlderVersion() {
        ClientHelloInfo tls12 = hello(List.of(), List.of(TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256));

        assertThat(WeakOffers.of(List.of(on(Scenario.GOOD).startTls().hello(tls12).build())))
                .containsExactly("does not offer TLSv1.3");
    }

    @Test
    void signallingValuesAreNotSuites() {
        ClientHelloInfo staticRsaOnly = hello(List.of(0x0303),
                List.of(TLS_RSA_WITH_AES_128_CBC_SHA, TLS_EMPTY_RENEGOTIATION_INFO_SCSV));

        assertThat(WeakOffers.of(List.of(on(Scenario.GOOD).startTls().hello(staticRsaOnly).build())))
                .containsExactly("does not offer TLSv1.3", "offers no forward-secret suite");
    }

    /** OpenSSL 3 lists TLS 1.0 in supported_versions but refuses it at its default security level. */
    @Test
    void tls10OnlyTellsAnOfferFromAnAcceptance() {
        ClientHelloInfo listsOld = hello(List.of(0x0304, 0x0303, 0x0302, 0x0301), List.of(0x1301, 0xC02F));
        var refusedOnLegacy = on(Scenario.TLS10_ONLY)
                .failed(new HandshakeFailure(HandshakeFailure.Kind.CLIENT_ALERT, "protocol_version", "x"))
                .hello(listsOld).build();
        var accepted = on(Scenario.TLS10_ONLY).tls("TLSv1", "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA").hello(listsOld)
                .then("EHLO").build();

        assertThat(WeakOffers.of(List.of(refusedOnLegacy))).containsExactly(
                "offers TLSv1.0 but did not complete it on tls10-only",
                "offers TLSv1.1 but did not complete it on tls10-only");
        assertThat(WeakOffers.of(List.of(refusedOnLegacy, accepted))).containsExactly(
                "offers TLSv1.0 and completed it", "offers TLSv1.1 but did not complete it on tls10-only");
        assertThat(WeakOffers.of(List.of(on(Scenario.GOOD).startTls().hello(listsOld).build())))
                .containsExactly("offers TLSv1.0", "offers TLSv1.1");
    }
}
