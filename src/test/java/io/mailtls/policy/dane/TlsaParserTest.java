package io.mailtls.policy.dane;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailtls.policy.TestCerts;
import io.mailtls.policy.dane.TlsaRecord.Status;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TlsaParserTest {
    static final String H32 = "00".repeat(32);
    static final String H64 = "00".repeat(64);

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "4 1 1 H32|certificate usage 4 is not defined",
        "255 1 1 H32|certificate usage 255 is not defined",
        "3 2 1 H32|selector 2 is not defined",
        "3 1 3 H32|matching type 3 is not defined",
        "3 1 1 H64|SHA256 data must be 32 bytes, found 64",
        "3 1 1 abcd|SHA256 data must be 32 bytes, found 2",
        "3 1 2 H32|SHA512 data must be 64 bytes, found 32",
        "3 1 1 -|the association data is empty",
        "3 0 0 3003020100|full certificate data does not parse",
        "2 1 0 0102|full public key data does not parse",
    })
    void malformedRecordsAreFactsWithTheReason(String presentation, String reason) {
        TlsaRecord r = TlsaParser.parse(presentation.replace("H32", H32).replace("H64", H64));

        assertThat(r.status()).isEqualTo(Status.MALFORMED);
        assertThat(r.usable()).isFalse();
        assertThat(r.reason()).contains(reason);
    }

    @ParameterizedTest
    @CsvSource({"0 0 1", "0 1 2", "1 0 1", "1 1 1"})
    void pkixUsagesAreUnusableForSmtp(String fields) {
        TlsaRecord r = TlsaParser.parse(fields + " " + (fields.endsWith("2") ? H64 : H32));

        assertThat(r.status()).isEqualTo(Status.UNUSABLE);
        assertThat(r.reason()).contains("RFC 7672");
    }

    @Test
    void daneUsagesWithWellFormedDataAreUsable() {
        var cert = TestCerts.ca("Anchor").cert();
        String spki = HexFormat.of().formatHex(cert.getPublicKey().getEncoded());

        assertThat(TlsaParser.parse("3 1 1 " + H32).status()).isEqualTo(Status.USABLE);
        assertThat(TlsaParser.parse("2 0 2 " + H64).status()).isEqualTo(Status.USABLE);
        assertThat(TlsaParser.parse("2 1 0 " + spki).status()).isEqualTo(Status.USABLE);
        assertThat(TlsaParser.parse("3 1 1 " + H32).usage()).isEqualTo(TlsaRecord.Usage.DANE_EE);
    }
}
