package io.mailtls.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Test;

class ListenerTest {
    @Test
    void rendersOneLoopbackSmtpdEntryWithBracedOverridesInOrder() {
        Listener l = Listener.named("tls12-only").tls(Path.of("/k/a.pem"), Path.of("/k/b.pem"))
                .protocols(">=TLSv1.2, <=TLSv1.2");

        assertThat(l.masterCfEntry(24000)).isEqualTo("""
                127.0.0.1:24000 inet n - n - - smtpd
                  -o { syslog_name = postfix/tls12-only }
                  -o { smtpd_tls_security_level = may }
                  -o { smtpd_tls_chain_files = /k/a.pem, /k/b.pem }
                  -o { smtpd_tls_protocols = >=TLSv1.2, <=TLSv1.2 }
                  -o { smtpd_tls_mandatory_protocols = >=TLSv1.2, <=TLSv1.2 }
                """);
    }

    @Test
    void tlsKeepsAnExplicitSecurityLevel() {
        Listener l = Listener.named("x").securityLevel("encrypt").tls(Path.of("/k/a.pem"));

        assertThat(l.overrides()).containsEntry("smtpd_tls_security_level", "encrypt");
    }

    @Test
    void greetingDelayTurnsOffDelayedRejectSoTheSleepRunsBeforeThe220() {
        Listener l = Listener.named("slow").greetingDelay(Duration.ofSeconds(6));

        assertThat(l.overrides()).containsEntry("smtpd_delay_reject", "no")
                .containsEntry("smtpd_client_restrictions", "sleep 6");
        assertThatThrownBy(() -> l.greetingDelay(Duration.ofMillis(1500))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> l.greetingDelay(Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void refusesWhatCouldBreakOutOfItsMasterCfEntry() {
        Listener l = Listener.named("x");

        assertThatThrownBy(() -> l.set("smtpd_banner", "a\n127.0.0.2:25 inet n - n - - smtpd"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> l.set("smtpd_banner", "a } -o { x = y"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> l.set("smtpd banner", "a")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Listener.named("Good One")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Listener.named("-x")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void isImmutable() {
        Listener base = Listener.named("x");
        Listener changed = base.serverPreference();

        assertThat(base.overrides()).isEmpty();
        assertThat(changed.overrides()).containsEntry("tls_preempt_cipherlist", "yes");
        assertThatThrownBy(() -> changed.overrides().put("a", "b")).isInstanceOf(UnsupportedOperationException.class);
    }
}
