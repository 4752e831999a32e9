package io.mailtls.dns;

import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.security.Provider;
import java.security.PublicKey;
import java.security.Security;
import java.security.Signature;
import java.security.SignatureException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Checks one DNSSEC signature for real, with the JDK provider that would have served it without ours. */
final class SignatureVerifier {
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
}
