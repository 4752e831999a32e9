package io.mailtls.lab;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.OptionalLong;

import org.junit.jupiter.api.Test;

import io.mailtls.lab.tls.TlsProfile;

/** MAIL/RCPT argument parsing and the IANA suite names. */
class SmallPartsTest {

    @Test
    void mailPathsParseStrictlyAboutBracketsAndLenientlyAboutSpaces() {
        assertThat(MailPath.parse("FROM:", "FROM:<a@b.test> SIZE=12 BODY=8BITMIME")).hasValueSatisfying(path -> {
            assertThat(path.address()).isEqualTo("a@b.test");
            assertThat(path.parameters()).containsExactly("SIZE=12", "BODY=8BITMIME");
            assertThat(path.declaredSize()).isEqualTo(OptionalLong.of(12));
        });
        assertThat(MailPath.parse("FROM:", "from: <>")).hasValueSatisfying(p -> assertThat(p.address()).isEmpty());
        assertThat(MailPath.parse("TO:", "TO:x@lab.test")).isEmpty();
        assertThat(MailPath.parse("TO:", "TO:<x y@lab.test>")).isEmpty();
        assertThat(MailPath.parse("TO:", "FROM:<x@lab.test>")).isEmpty();
        assertThat(MailPath.parse("TO:", "TO:<" + "a".repeat(MailPath.MAX_PATH + 1) + ">")).isEmpty();
        assertThat(MailPath.parse("FROM:", "FROM:<a@b> SIZE=x").orElseThrow().declaredSize()).isEmpty();
        assertThat(MailPath.parse("FROM:", "FROM:<a@b> SIZE=99999999999999999999999").orElseThrow().declaredSize())
                .as("absurd sizes are not parsed into overflow").isEmpty();
    }

    @Test
    void jdkSuiteNamesBecomeIanaNames() {
        assertThat(TlsProfile.ianaName("SSL_RSA_WITH_3DES_EDE_CBC_SHA")).isEqualTo("TLS_RSA_WITH_3DES_EDE_CBC_SHA");
        assertThat(TlsProfile.ianaName("TLS_AES_128_GCM_SHA256")).isEqualTo("TLS_AES_128_GCM_SHA256");
    }
}
