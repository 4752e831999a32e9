package io.mailtls.dns;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.SignatureException;
import java.security.spec.ECGenParameterSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The memoizing check gives the right answer for every DNSSEC algorithm: valid signatures pass (the second time
 * from the memo), and tampered data, a tampered signature or another key fail however often a valid check of the
 * same RRset was remembered, and agree with the JDK's own verdict.
 */
class MemoizingSignatureSpiTest {
    static final SecureRandom RANDOM = new SecureRandom();

    record Case(String algorithm, KeyPair keys, KeyPair other, byte[] data, byte[] signature) {
    }

    static KeyPair keys(String algorithm) throws GeneralSecurityException {
        return switch (algorithm) {
            case "SHA256withECDSA", "SHA384withECDSA" -> {
                var g = KeyPairGenerator.getInstance("EC", "SunEC");
                g.initialize(new ECGenParameterSpec(algorithm.startsWith("SHA256") ? "secp256r1" : "secp384r1"));
                yield g.generateKeyPair();
            }
            case "Ed25519", "Ed448" -> KeyPairGenerator.getInstance(algorithm, "SunEC").generateKeyPair();
            default -> {
                var g = KeyPairGenerator.getInstance("RSA", "SunRsaSign");
                g.initialize(2048);
                yield g.generateKeyPair();
            }
        };
    }

    static String jdkProvider(String algorithm) {
        return algorithm.contains("RSA") ? "SunRsaSign" : "SunEC";
    }

    static Case signed(String algorithm) throws GeneralSecurityException {
        byte[] data = new byte[200 + RANDOM.nextInt(200)];
        RANDOM.nextBytes(data);
        KeyPair keys = keys(algorithm);
        Signature s = Signature.getInstance(algorithm, jdkProvider(algorithm));
        s.initSign(keys.getPrivate());
        s.update(data);
        return new Case(algorithm, keys, keys(algorithm), data, s.sign());
    }

    /** The memoizing check's verdict; a signature it cannot even parse is a failed check, as for dnsjava. */
    static boolean check(MemoizingSignatureSpi spi, PublicKey key, byte[] data, byte[] signature)
            throws GeneralSecurityException {
        spi.engineInitVerify(key);
        spi.engineUpdate(data, 0, data.length);
        try {
            return spi.engineVerify(signature);
        } catch (SignatureException e) {
            return false;
        }
    }

    static boolean jdk(String algorithm, PublicKey key, byte[] data, byte[] signature) throws GeneralSecurityException {
        Signature s = Signature.getInstance(algorithm, jdkProvider(algorithm));
        s.initVerify(key);
        s.update(data);
        try {
            return s.verify(signature);
        } catch (SignatureException e) {
            return false;
        }
    }

    static MemoizingSignatureSpi spi(String algorithm, SignatureMemo memo) {
        return new MemoizingSignatureSpi(algorithm, memo, new SignatureVerifier(DnssecSignatureProvider.NAME));
    }

    static byte[] flipped(byte[] bytes, int index) {
        byte[] copy = bytes.clone();
        copy[index] ^= 0x01;
        return copy;
    }

    @ParameterizedTest
    @ValueSource(strings = {"SHA256withECDSA", "SHA384withECDSA", "Ed25519", "Ed448", "SHA256withRSA",
            "SHA512withRSA", "SHA1withRSA"})
    void validPassesTwiceAndNothingTamperedPassesAfterIt(String algorithm) throws GeneralSecurityException {
        Case c = signed(algorithm);
        var memo = new SignatureMemo(64);
        var spi = spi(algorithm, memo);
        PublicKey key = c.keys().getPublic();

        assertThat(check(spi, key, c.data(), c.signature())).isTrue();
        assertThat(check(spi, key, c.data(), c.signature())).isTrue();
        assertThat(memo.hits()).as("the second check came from the memo").isEqualTo(1);

        for (int i : new int[] {0, c.data().length / 2, c.data().length - 1}) {
            assertThat(check(spi, key, flipped(c.data(), i), c.signature())).as("data byte %d", i).isFalse();
        }
        byte[] shorter = java.util.Arrays.copyOf(c.data(), c.data().length - 1);
        assertThat(check(spi, key, shorter, c.signature())).as("data cut short").isFalse();
        for (int i : new int[] {c.signature().length / 2, c.signature().length - 1}) {
            byte[] forged = flipped(c.signature(), i);
            assertThat(check(spi, key, c.data(), forged)).as("signature byte %d", i)
                    .isFalse().isEqualTo(jdk(algorithm, key, c.data(), forged));
        }
        assertThat(check(spi, c.other().getPublic(), c.data(), c.signature())).as("another key").isFalse();

        assertThat(check(spi, key, c.data(), c.signature())).isTrue();
        assertThat(memo.size()).as("only the successful check is remembered").isEqualTo(1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"SHA256withECDSA", "Ed25519"})
    void agreesWithTheJdkOnRandomForgeries(String algorithm) throws GeneralSecurityException {
        Case c = signed(algorithm);
        var spi = spi(algorithm, new SignatureMemo(64));
        PublicKey key = c.keys().getPublic();
        assertThat(check(spi, key, c.data(), c.signature())).isTrue();
        for (int n = 0; n < 40; n++) {
            byte[] data = n % 2 == 0 ? flipped(c.data(), RANDOM.nextInt(c.data().length)) : c.data();
            byte[] sig = n % 2 == 1 ? flipped(c.signature(), RANDOM.nextInt(c.signature().length)) : c.signature();
            assertThat(check(spi, key, data, sig)).isFalse().isEqualTo(jdk(algorithm, key, data, sig));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"SHA256withECDSA"})
    void concurrentChecksShareTheMemoAndKeepTheirAnswers(String algorithm) throws Exception {
        Case c = signed(algorithm);
        var memo = new SignatureMemo(8);
        var verifier = new SignatureVerifier(DnssecSignatureProvider.NAME);
        byte[] forged = flipped(c.data(), 0);
        List<Future<Boolean>> results = new ArrayList<>();
        try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int t = 0; t < 200; t++) {
                boolean valid = t % 4 != 0;
                results.add(pool.submit(() -> check(new MemoizingSignatureSpi(algorithm, memo, verifier),
                        c.keys().getPublic(), valid ? c.data() : forged, c.signature()) == valid));
            }
            for (Future<Boolean> f : results) {
                assertThat(f.get()).isTrue();
            }
        }
        assertThat(memo.size()).isEqualTo(1);
        assertThat(verifier.keys()).isEqualTo(1);
    }
}
