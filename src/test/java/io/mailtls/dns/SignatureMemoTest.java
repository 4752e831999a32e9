package io.mailtls.dns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The memo's keys cover every input of a check, and it stays within its capacity. */
class SignatureMemoTest {
    static final byte[] KEY = bytes("key");
    static final byte[] DATA = bytes("signed data");
    static final byte[] SIG = bytes("signature");

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static SignatureMemo.Id id(String algorithm, byte[] key, byte[] data, byte[] signature) {
        return SignatureMemo.id(algorithm, key, data, data.length, signature);
    }

    @Test
    void remembersOnlyTheCheckThatSucceeded() {
        var memo = new SignatureMemo(16);
        memo.remember(id("SHA256withECDSA", KEY, DATA, SIG));

        assertThat(memo.verified(id("SHA256withECDSA", KEY, DATA, SIG))).isTrue();
        assertThat(memo.verified(id("SHA384withECDSA", KEY, DATA, SIG))).as("other algorithm").isFalse();
        assertThat(memo.verified(id("SHA256withECDSA", bytes("kez"), DATA, SIG))).as("other key").isFalse();
        assertThat(memo.verified(id("SHA256withECDSA", KEY, bytes("signed datb"), SIG))).as("other data").isFalse();
        assertThat(memo.verified(id("SHA256withECDSA", KEY, DATA, bytes("signaturf")))).as("other sig").isFalse();
        assertThat(memo.hits()).isEqualTo(1);
        assertThat(memo.misses()).isEqualTo(4);
    }

    @Test
    void fieldBoundariesArePartOfTheKey() {
        // The same bytes split differently between data and signature are a different check.
        assertThat(id("Ed25519", KEY, bytes("ab"), bytes("c")))
                .isNotEqualTo(id("Ed25519", KEY, bytes("a"), bytes("bc")));
        assertThat(id("Ed25519", bytes("k"), bytes("ey"), SIG))
                .isNotEqualTo(id("Ed25519", bytes("ke"), bytes("y"), SIG));
    }

    @Test
    void onlyTheGivenLengthOfTheDataCounts() {
        byte[] padded = bytes("signed dataXXXX");
        assertThat(SignatureMemo.id("Ed25519", KEY, padded, DATA.length, SIG)).isEqualTo(id("Ed25519", KEY, DATA, SIG));
    }

    @Test
    void isBoundedAndDropsTheLeastRecentlyUsed() {
        var memo = new SignatureMemo(3);
        for (int i = 0; i < 3; i++) {
            memo.remember(id("Ed25519", KEY, bytes("data " + i), SIG));
        }
        assertThat(memo.verified(id("Ed25519", KEY, bytes("data 0"), SIG))).isTrue(); // now the most recent
        for (int i = 3; i < 10; i++) {
            memo.remember(id("Ed25519", KEY, bytes("data " + i), SIG));
            assertThat(memo.size()).isLessThanOrEqualTo(3);
        }
        assertThat(memo.size()).isEqualTo(3);
        assertThat(memo.verified(id("Ed25519", KEY, bytes("data 9"), SIG))).isTrue();
        assertThat(memo.verified(id("Ed25519", KEY, bytes("data 1"), SIG))).isFalse();
        assertThat(memo.verified(id("Ed25519", KEY, bytes("data 0"), SIG))).isFalse();
    }

    @Test
    void refusesANonPositiveCapacity() {
        assertThatThrownBy(() -> new SignatureMemo(0)).isInstanceOf(IllegalArgumentException.class);
    }
}
