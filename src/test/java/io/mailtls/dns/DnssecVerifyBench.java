package io.mailtls.dns;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Provider;
import java.security.SecureRandom;
import java.security.Security;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.util.concurrent.TimeUnit;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * JMH benchmark (bench/dnssec-verify-bench.sh runs it with the launcher's JIT flags): the cost of one DNSSEC
 * signature check over RRset-sized data, by implementation. Every method must return true, or the setup is wrong.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class DnssecVerifyBench {
    private final Provider bc = new BouncyCastleProvider();
    private final Provider sunEc = Security.getProvider("SunEC");
    private KeyPair p256;
    private KeyPair ed25519;
    private byte[] data;
    private byte[] p256Signature;
    private byte[] ed25519Signature;
    private SignatureVerifier verifier;
    private MemoizingSignatureSpi remembered;

    @Setup
    public void setUp() throws GeneralSecurityException {
        data = new byte[300]; // about an MX RRset with its RRSIG header in canonical form
        new SecureRandom().nextBytes(data);
        var ec = KeyPairGenerator.getInstance("EC", "SunEC");
        ec.initialize(new ECGenParameterSpec("secp256r1"));
        p256 = ec.generateKeyPair();
        ed25519 = KeyPairGenerator.getInstance("Ed25519", "SunEC").generateKeyPair();
        p256Signature = sign("SHA256withECDSA", p256);
        ed25519Signature = sign("Ed25519", ed25519);
        verifier = new SignatureVerifier(DnssecSignatureProvider.NAME);
        remembered = new MemoizingSignatureSpi("SHA256withECDSA", new SignatureMemo(16), verifier);
        if (!memoHitP256()) {
            throw new IllegalStateException("the signature does not verify");
        }
    }

    private byte[] sign(String algorithm, KeyPair keys) throws GeneralSecurityException {
        Signature s = Signature.getInstance(algorithm, "SunEC");
        s.initSign(keys.getPrivate());
        s.update(data);
        return s.sign();
    }

    private boolean jca(String algorithm, Provider provider, KeyPair keys, byte[] signature)
            throws GeneralSecurityException {
        Signature s = Signature.getInstance(algorithm, provider);
        s.initVerify(keys.getPublic());
        s.update(data);
        return s.verify(signature);
    }

    /** What dnsjava got before: the JDK's own ECDSA. */
    @Benchmark
    public boolean sunEcP256() throws GeneralSecurityException {
        return jca("SHA256withECDSA", sunEc, p256, p256Signature);
    }

    /** Bouncy Castle through JCA: the key is converted and its point multiples recomputed on every check. */
    @Benchmark
    public boolean bcJcaP256() throws GeneralSecurityException {
        return jca("SHA256withECDSA", bc, p256, p256Signature);
    }

    /** Ours on a memo miss ({@link SignatureVerifier}). */
    @Benchmark
    public boolean verifierP256() throws GeneralSecurityException {
        return verifier.verify("SHA256withECDSA", p256.getPublic(), data, data.length, p256Signature);
    }

    /** Ours on a memo hit: the digest of the check and a lookup. */
    @Benchmark
    public boolean memoHitP256() throws GeneralSecurityException {
        remembered.engineInitVerify(p256.getPublic());
        remembered.engineUpdate(data, 0, data.length);
        return remembered.engineVerify(p256Signature);
    }

    @Benchmark
    public boolean sunEcEd25519() throws GeneralSecurityException {
        return jca("Ed25519", sunEc, ed25519, ed25519Signature);
    }

    @Benchmark
    public boolean verifierEd25519() throws GeneralSecurityException {
        return verifier.verify("Ed25519", ed25519.getPublic(), data, data.length, ed25519Signature);
    }
}
