package io.mailtls.lab.record.sender;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import io.mailtls.lab.Plan;
import io.mailtls.lab.Scenario;
import io.mailtls.lab.SessionRecord;
import io.mailtls.lab.pki.CredentialKind;
import io.mailtls.lab.record.HandshakeFailure;
import io.mailtls.lab.record.MailTransaction;
import io.mailtls.lab.record.sender.SenderVerdict.CertificateChecks;
import io.mailtls.lab.record.sender.SenderVerdict.CertificateTest;
import io.mailtls.lab.record.sender.SenderVerdict.TlsUse;

/**
 * Judges one sending client from its finished lab sessions: a pure function, so the same sessions
 * always give the same verdict. Which scenario a session ran on says what the lab did to the
 * client (no STARTTLS, a refusal, a bad certificate); what the client did next is the evidence.
 */
public final class SenderVerdicts {

    /** The lab's certificate faults: a verifying client must abort on each. */
    static final Set<CredentialKind> CERTIFICATE_FAULTS = EnumSet.of(CredentialKind.EXPIRED,
            CredentialKind.NOT_YET_VALID, CredentialKind.WRONG_NAME, CredentialKind.SELF_SIGNED,
            CredentialKind.LEAF_ONLY);
    private static final Set<CredentialKind> GOOD_CERTIFICATES = EnumSet.of(CredentialKind.GOOD,
            CredentialKind.GOOD_RSA);
    private static final Set<String> GOING_ON = Set.of("EHLO", "HELO", "MAIL");

    private SenderVerdicts() {
    }

    /**
     * The verdict over {@code sessions}, all from one sender (see {@link SenderKey}), in any order.
     *
     * @throws IllegalArgumentException when there are no sessions
     */
    public static SenderVerdict judge(List<SessionRecord> sessions) {
        if (sessions.isEmpty()) {
            throw new IllegalArgumentException("no sessions to judge");
        }
        List<SessionRecord> ordered = sessions.stream()
                .sorted(Comparator.comparing(SessionRecord::started).thenComparingLong(SessionRecord::number))
                .toList();
        boolean usedStartTls = ordered.stream().anyMatch(s -> s.conduct().startTls());
        Set<String> fallbacks = new LinkedHashSet<>();
        Set<String> heldBack = new LinkedHashSet<>();
        Set<String> ignoredOffer = new LinkedHashSet<>();
        List<CertificateTest> certificateTests = new ArrayList<>();
        boolean goodAccepted = false;
        boolean goodRefused = false;
        for (Scenario scenario : Scenario.values()) {
            List<SessionRecord> on = ordered.stream().filter(s -> s.scenario() == scenario).toList();
            if (on.isEmpty()) {
                continue;
            }
            Plan plan = scenario.plan();
            if (startTlsFails(plan)) {
                // Plaintext here is a fallback once STARTTLS was tried (or not offered at all); a client that
                // never sent the offered STARTTLS did not fall back, it skipped it.
                boolean tried = plan.offer() == Plan.Offer.NO_STARTTLS;
                for (SessionRecord s : on) {
                    tried |= s.conduct().startTls();
                    if (s.conduct().plaintextMail()) {
                        (tried ? fallbacks : ignoredOffer).add(scenario.id());
                    }
                }
                if (!fallbacks.contains(scenario.id()) && !ignoredOffer.contains(scenario.id())
                        && on.stream().anyMatch(s -> s.conduct().heloName() != null)) {
                    heldBack.add(scenario.id());
                }
                continue;
            }
            // STARTTLS works here: plaintext mail is a retry after a failed handshake, or an ignored offer.
            boolean failedBefore = false;
            for (SessionRecord s : on) {
                if (!s.tls() && s.conduct().plaintextMail()) {
                    if (failedBefore) {
                        fallbacks.add(scenario.id());
                    } else if (!s.conduct().startTls() && plan.offer() != Plan.Offer.NO_STARTTLS) {
                        ignoredOffer.add(scenario.id());
                    }
                }
                failedBefore |= s.conduct().handshakeFailure() != null || s.tls() && !goesOn(s);
            }
            if (CERTIFICATE_FAULTS.contains(plan.credential())) {
                certificateTest(scenario, on).ifPresent(certificateTests::add);
            } else if (GOOD_CERTIFICATES.contains(plan.credential())) {
                Optional<CertificateTest> good = certificateTest(scenario, on);
                goodAccepted |= good.map(CertificateTest::carriedOn).orElse(false);
                goodRefused |= good.map(t -> !t.carriedOn() && t.how().startsWith("with alert")).orElse(false);
            }
        }
        TlsUse tls;
        if (!ignoredOffer.isEmpty() && !usedStartTls) {
            tls = TlsUse.NEVER;
        } else if (!fallbacks.isEmpty() || !ignoredOffer.isEmpty()) {
            tls = TlsUse.OPPORTUNISTIC;
        } else if (heldBack.stream().anyMatch(SenderVerdicts::plaintextPossible)) {
            tls = TlsUse.REQUIRED;
        } else if (usedStartTls) {
            tls = TlsUse.FALLBACK_UNTESTED;
        } else {
            tls = TlsUse.UNKNOWN;
        }
        int overTls = 0;
        int plaintext = 0;
        for (SessionRecord s : ordered) {
            for (MailTransaction m : s.conduct().mail()) {
                if (m.delivered()) {
                    if (m.overTls()) {
                        overTls++;
                    } else {
                        plaintext++;
                    }
                }
            }
        }
        return new SenderVerdict(SenderKey.of(ordered.getFirst()), ordered.size(), tls, List.copyOf(fallbacks),
                List.copyOf(ignoredOffer), List.copyOf(heldBack), certificateChecks(certificateTests), certificateTests,
                goodRefused && !goodAccepted, WeakOffers.of(ordered), negotiated(ordered), overTls, plaintext);
    }

    /** The contract's name for a JDK protocol name ({@code TLSv1} is {@code TLSv1.0}); null stays null. */
    public static String protocolName(String jdkName) {
        return "TLSv1".equals(jdkName) ? "TLSv1.0" : jdkName;
    }

    /** Whether the lab makes STARTTLS unavailable or fail in this plan. */
    static boolean startTlsFails(Plan plan) {
        return plan.offer() == Plan.Offer.NO_STARTTLS || switch (plan.startTls()) {
            case REFUSE, CLOSE_AFTER_READY, GARBAGE_AFTER_READY -> true;
            case PROCEED, ANSWER_INJECTED -> false;
        };
    }

    /**
     * Whether the scenario leaves the client a plaintext session to go on in ({@code no-starttls},
     * {@code starttls-refused}): only there does sending no mail prove that TLS is required. After a
     * dropped handshake a client must reconnect, and a queue may do that much later.
     */
    static boolean plaintextPossible(String scenarioId) {
        Plan plan = Scenario.byId(scenarioId).orElseThrow().plan();
        return plan.offer() == Plan.Offer.NO_STARTTLS || plan.startTls() == Plan.StartTls.REFUSE;
    }

    /** Whether the session completed TLS and then sent EHLO, HELO or MAIL inside it. */
    static boolean goesOn(SessionRecord s) {
        return s.tls() && afterTls(s).stream().anyMatch(GOING_ON::contains);
    }

    /** The verbs after the STARTTLS whose handshake completed (the last one). */
    static List<String> afterTls(SessionRecord s) {
        int start = s.commands().lastIndexOf("STARTTLS");
        return start < 0 ? List.of() : s.commands().subList(start + 1, s.commands().size());
    }

    /**
     * How the client met one scenario's certificate: carrying on in any session settles it;
     * otherwise the first abort. Handshakes that failed before the certificate mattered (no common
     * version or suite, silence) say nothing.
     */
    static Optional<CertificateTest> certificateTest(Scenario scenario, List<SessionRecord> on) {
        CertificateTest abort = null;
        for (SessionRecord s : on) {
            if (goesOn(s)) {
                return Optional.of(new CertificateTest(scenario.id(), true, "sent " + String.join(" ", afterTls(s))));
            }
            String how = null;
            if (s.tls()) {
                how = "after the handshake, before EHLO";
            } else if (s.conduct().handshakeFailure() != null) {
                HandshakeFailure failure = s.conduct().handshakeFailure();
                how = switch (failure.kind()) {
                    case CLIENT_ALERT -> "with alert " + failure.alert();
                    case CLIENT_CLOSED -> "by closing the connection";
                    case TIMEOUT, NEGOTIATION -> null;
                };
            }
            if (abort == null && how != null) {
                abort = new CertificateTest(scenario.id(), false, how);
            }
        }
        return Optional.ofNullable(abort);
    }

    private static CertificateChecks certificateChecks(List<CertificateTest> tests) {
        long carriedOn = tests.stream().filter(CertificateTest::carriedOn).count();
        if (tests.isEmpty()) {
            return CertificateChecks.UNTESTED;
        }
        if (carriedOn == 0) {
            return CertificateChecks.VERIFIES;
        }
        return carriedOn == tests.size() ? CertificateChecks.NONE : CertificateChecks.PARTIAL;
    }

    private static List<String> negotiated(List<SessionRecord> sessions) {
        return sessions.stream().filter(SessionRecord::tls)
                .map(s -> protocolName(s.tlsProtocol()) + " " + s.tlsCipher()).distinct().toList();
    }
}
