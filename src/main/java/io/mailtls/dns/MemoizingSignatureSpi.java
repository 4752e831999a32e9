package io.mailtls.dns;

import java.security.InvalidAlgorithmParameterException;
import java.security.InvalidKeyException;
import java.security.InvalidParameterException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SignatureException;
import java.security.SignatureSpi;
import java.security.spec.AlgorithmParameterSpec;
import java.util.Arrays;

/**
 * One DNSSEC signature check through JCA: collects the signed bytes, answers from the {@link SignatureMemo} when
 * this exact check succeeded before, and otherwise runs it with {@link SignatureVerifier}. Verification only:
 * signing is refused, so JCA hands any signer on to the next provider.
 */
final class MemoizingSignatureSpi extends SignatureSpi {
    private final String algorithm;
    private final SignatureMemo memo;
    private final SignatureVerifier verifier;
    private PublicKey key;
    private byte[] data = new byte[512];
    private int length;

    MemoizingSignatureSpi(String algorithm, SignatureMemo memo, SignatureVerifier verifier) {
        this.algorithm = algorithm;
        this.memo = memo;
        this.verifier = verifier;
    }

    @Override
    protected void engineInitVerify(PublicKey publicKey) throws InvalidKeyException {
        if (!SignatureVerifier.accepts(algorithm, publicKey)) {
            throw new InvalidKeyException(algorithm + " cannot use a "
                    + (publicKey == null ? "null" : publicKey.getAlgorithm()) + " key");
        }
        key = publicKey;
        length = 0;
    }

    @Override
    protected void engineInitSign(PrivateKey privateKey) throws InvalidKeyException {
        throw new InvalidKeyException("this provider only verifies DNSSEC signatures");
    }

    @Override
    protected void engineUpdate(byte b) throws SignatureException {
        engineUpdate(new byte[] {b}, 0, 1);
    }

    @Override
    protected void engineUpdate(byte[] b, int off, int len) throws SignatureException {
        if (key == null) {
            throw new SignatureException("not initialised for verification");
        }
        if (len > data.length - length) {
            // The bytes are one RRset in canonical form, bounded by what one DNS message can carry.
            data = Arrays.copyOf(data, Math.max(data.length * 2, Math.addExact(length, len)));
        }
        System.arraycopy(b, off, data, length, len);
        length += len;
    }

    @Override
    protected byte[] engineSign() throws SignatureException {
        throw new SignatureException("this provider only verifies DNSSEC signatures");
    }

    @Override
    protected boolean engineVerify(byte[] signature) throws SignatureException {
        if (key == null) {
            throw new SignatureException("not initialised for verification");
        }
        try {
            byte[] encoded = key.getEncoded();
            if (encoded == null) {
                throw new SignatureException("the " + key.getAlgorithm() + " key has no encoding");
            }
            SignatureMemo.Id id = SignatureMemo.id(algorithm, encoded, data, length, signature);
            if (memo.verified(id)) {
                return true;
            }
            boolean valid = verifier.verify(algorithm, key, data, length, signature);
            if (valid) {
                memo.remember(id);
            }
            return valid;
        } catch (InvalidKeyException e) {
            throw new SignatureException(e.getMessage(), e);
        } finally {
            length = 0; // as JCA requires: after verify, ready for the next check with the same key
        }
    }

    @Override
    protected void engineSetParameter(AlgorithmParameterSpec params) throws InvalidAlgorithmParameterException {
        if (params != null) {
            throw new InvalidAlgorithmParameterException(algorithm + " takes no parameters here");
        }
    }

    @Override
    @Deprecated
    protected void engineSetParameter(String param, Object value) {
        throw new InvalidParameterException(algorithm + " takes no parameters here");
    }

    @Override
    @Deprecated
    protected Object engineGetParameter(String param) {
        throw new InvalidParameterException(algorithm + " has no parameters here");
    }
}
