package io.mailtls.dns;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.Provider;
import java.security.PublicKey;
import java.security.Security;
import java.security.Signature;
import java.security.SignatureException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.bouncycastle.crypto.params.AsymmetricKeyParameter;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.crypto.params.Ed448PublicKeyParameters;
import org.bouncycastle.crypto.signers.ECDSASigner;
import org.bouncycastle.crypto.signers.Ed25519Signer;
import org.bouncycastle.crypto.signers.Ed448Signer;
import org.bouncycastle.crypto.signers.StandardDSAEncoding;
import org.bouncycastle.crypto.util.PublicKeyFactory;

/**
 * Checks one DNSSEC signature for real: ECDSA and EdDSA with Bouncy Castle's low-level classes, RSA with the JDK.
 *
 * <p>Why not the JDK for all: the launcher runs with the C1 compiler only, and SunEC's field arithmetic leans on
 * {@code Math.unsignedMultiplyHigh}, which only C2 turns into one instruction. Measured with the launcher's flags
 * (bench/dnssec-verify-bench.sh, 2 cores): a P-256 check takes 1,850 us with SunEC, 330 us with Bouncy Castle's
 * JCA provider and 127 us here; Ed25519 970 us against 85 us; RSA costs the same in both. Why low-level: the
 * decoded public key keeps Bouncy Castle's precomputed multiples of its point, which more than halves the next
 * check with the same key (the JCA provider converts the key every time); so keys are kept, a bounded number of
 * them, by their X.509 encoding.
 */
final class SignatureVerifier {
    /** Zone keys a scan meets again soon; each costs a kilobyte or two with its precomputed points. */
    static final int KEY_CAPACITY = 1024;

    private final Map<ByteBuffer, AsymmetricKeyParameter> keys = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<ByteBuffer, AsymmetricKeyParameter> eldest) {
            return size() > KEY_CAPACITY;
        }
    };
    private final Map<String, Provider> jdkProviders = new ConcurrentHashMap<>();
    private final String self;

    /** {@code self}: the name of the provider to skip when asking the JDK (the one this verifier serves). */
    SignatureVerifier(String self) {
        this.self = self;
    }

    /** Whether {@code key} is of the kind {@code algorithm} checks. */
    static boolean accepts(String algorithm, Object key) {
        if (!(key instanceof PublicKey k)) {
            return false;
        }
        return switch (algorithm) {
            case "SHA256withECDSA", "SHA384withECDSA" -> k instanceof java.security.interfaces.ECPublicKey;
            case "SHA1withRSA", "SHA256withRSA", "SHA512withRSA" -> k instanceof java.security.interfaces.RSAPublicKey;
            case "Ed25519", "Ed448" -> k instanceof java.security.interfaces.EdECPublicKey;
            default -> false;
        };
    }

    /** Whether {@code signature} over the first {@code length} bytes of {@code data} verifies with {@code key}. */
    boolean verify(String algorithm, PublicKey key, byte[] data, int length, byte[] signature)
            throws InvalidKeyException, SignatureException {
        return switch (algorithm) {
            case "SHA256withECDSA" -> ecdsa(key, "SHA-256", data, length, signature);
            case "SHA384withECDSA" -> ecdsa(key, "SHA-384", data, length, signature);
            case "Ed25519" -> {
                var signer = new Ed25519Signer();
                signer.init(false, decoded(key, Ed25519PublicKeyParameters.class));
                signer.update(data, 0, length);
                yield signer.verifySignature(signature);
            }
            case "Ed448" -> {
                var signer = new Ed448Signer(new byte[0]); // DNSSEC uses pure Ed448, no context (RFC 8080)
                signer.init(false, decoded(key, Ed448PublicKeyParameters.class));
                signer.update(data, 0, length);
                yield signer.verifySignature(signature);
            }
            default -> jdk(algorithm, key, data, length, signature);
        };
    }

    private boolean ecdsa(PublicKey key, String digest, byte[] data, int length, byte[] der)
            throws InvalidKeyException, SignatureException {
        ECPublicKeyParameters params = decoded(key, ECPublicKeyParameters.class);
        BigInteger[] rs;
        try {
            // Strict DER, as dnsjava builds it from the RRSIG's r || s; SunEC also refuses anything else.
            rs = StandardDSAEncoding.INSTANCE.decode(params.getParameters().getN(), der);
        } catch (IOException | RuntimeException e) { // Bouncy Castle throws several kinds for bad DER
            throw new SignatureException("invalid ECDSA signature encoding", e);
        }
        MessageDigest md;
        try {
            md = MessageDigest.getInstance(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has " + digest, e);
        }
        md.update(data, 0, length);
        var signer = new ECDSASigner();
        signer.init(false, params);
        return signer.verifySignature(md.digest(), rs[0], rs[1]);
    }

    private <T extends AsymmetricKeyParameter> T decoded(PublicKey key, Class<T> kind) throws InvalidKeyException {
        byte[] encoded = key.getEncoded();
        if (encoded == null) {
            throw new InvalidKeyException("the key has no X.509 encoding");
        }
        ByteBuffer id = ByteBuffer.wrap(encoded);
        AsymmetricKeyParameter params;
        synchronized (keys) {
            params = keys.get(id);
        }
        if (params == null) {
            try {
                params = PublicKeyFactory.createKey(encoded);
            } catch (IOException | RuntimeException e) {
                throw new InvalidKeyException("cannot decode the " + key.getAlgorithm() + " key", e);
            }
            synchronized (keys) {
                keys.put(id, params);
            }
        }
        if (!kind.isInstance(params) || params.isPrivate()) {
            throw new InvalidKeyException("expected a " + kind.getSimpleName() + " key, got " + key.getAlgorithm());
        }
        return kind.cast(params);
    }

    /** RSA: the JDK's own implementation, the first provider after ours that has it. */
    private boolean jdk(String algorithm, PublicKey key, byte[] data, int length, byte[] signature)
            throws InvalidKeyException, SignatureException {
        Provider provider = jdkProviders.computeIfAbsent(algorithm, this::firstOther);
        if (provider == null) {
            throw new SignatureException("no provider besides " + self + " implements " + algorithm);
        }
        try {
            Signature s = Signature.getInstance(algorithm, provider);
            s.initVerify(key);
            s.update(data, 0, length);
            return s.verify(signature);
        } catch (NoSuchAlgorithmException e) {
            throw new SignatureException(algorithm + " vanished from " + provider.getName(), e);
        }
    }

    private Provider firstOther(String algorithm) {
        Provider[] providers = Security.getProviders("Signature." + algorithm);
        if (providers != null) {
            for (Provider p : providers) {
                if (!p.getName().equals(self)) {
                    return p;
                }
            }
        }
        return null;
    }

    /** Keys decoded and kept so far (at most {@link #KEY_CAPACITY}). */
    int keys() {
        synchronized (keys) {
            return keys.size();
        }
    }
}
