package io.mailtls.dns;

import java.security.NoSuchAlgorithmException;
import java.security.Provider;
import java.security.Security;
import java.util.List;
import org.xbill.DNS.DNSSEC;

/**
 * A JCA provider of the signature checks DNSSEC uses (ECDSA P-256/P-384, Ed25519, Ed448, RSA), seen only by
 * dnsjava's {@link DNSSEC} class: it remembers checks that succeeded and runs the others with the fastest code
 * under the launcher's C1-only JIT ({@link SignatureVerifier}).
 *
 * <p>Why a provider: dnsjava's validator has no hook around a signature check; it calls
 * {@code Signature.getInstance(name)} and takes the first provider that has the algorithm, so ours must come first.
 * Why it cannot change anything else, such as the checker's TLS handshakes and certificate paths (JSSE and PKIX
 * use the same JCA names): each service declines to exist unless {@link DNSSEC} is on the calling stack, and
 * declines private keys. JCA then moves on to the next provider exactly as if this one were not installed
 * ({@code Signature}'s delayed provider selection skips a service whose {@code supportsParameter} is false or
 * whose {@code newInstance} fails). The stack check costs a few microseconds against a check's hundred or more.
 */
final class DnssecSignatureProvider extends Provider {
    static final String NAME = "MailtlsDnssec";
    /** The JCA names dnsjava's {@code DNSSEC.algString} gives the algorithms worth supporting (RFC 8624). */
    static final List<String> ALGORITHMS = List.of("SHA256withECDSA", "SHA384withECDSA", "Ed25519", "Ed448",
            "SHA256withRSA", "SHA512withRSA", "SHA1withRSA");

    private static final long serialVersionUID = 1L;
    private static final String CALLER = DNSSEC.class.getName();
    /** DNSSEC.verify is 4 to 6 frames above our newInstance (Signature.getInstance or its delayed selection). */
    private static final int CALLER_DEPTH = 12;
    private static final StackWalker STACK = StackWalker.getInstance();

    private final transient SignatureMemo memo;
    private final transient SignatureVerifier verifier;

    DnssecSignatureProvider(SignatureMemo memo) {
        super(NAME, "1.0", "mailtls: DNSSEC signature checks, remembered; for dnsjava's DNSSEC class only");
        this.memo = memo;
        this.verifier = new SignatureVerifier(NAME);
        for (String algorithm : ALGORITHMS) {
            putService(new Check(this, algorithm));
        }
    }

    /** Puts the process's one instance first in the JCA provider list (once) and returns it. */
    static synchronized DnssecSignatureProvider install() {
        if (Security.getProvider(NAME) instanceof DnssecSignatureProvider installed) {
            return installed;
        }
        var provider = new DnssecSignatureProvider(new SignatureMemo(SignatureMemo.DEFAULT_CAPACITY));
        Security.insertProviderAt(provider, 1);
        return provider;
    }

    SignatureMemo memo() {
        return memo;
    }

    SignatureVerifier verifier() {
        return verifier;
    }

    static boolean calledFromDnssec() {
        return STACK.walk(frames -> frames.limit(CALLER_DEPTH).anyMatch(f -> f.getClassName().equals(CALLER)));
    }

    /** One algorithm's service: present for DNSSEC's public-key checks, absent for everything else. */
    private static final class Check extends Service {
        private final DnssecSignatureProvider owner;

        Check(DnssecSignatureProvider owner, String algorithm) {
            super(owner, "Signature", algorithm, MemoizingSignatureSpi.class.getName(), null, null);
            this.owner = owner;
        }

        @Override
        public boolean supportsParameter(Object parameter) {
            return SignatureVerifier.accepts(getAlgorithm(), parameter); // public keys only: never a signer
        }

        @Override
        public Object newInstance(Object constructorParameter) throws NoSuchAlgorithmException {
            if (!calledFromDnssec()) {
                throw new NoSuchAlgorithmException(NAME + " serves dnsjava's DNSSEC checks only");
            }
            return new MemoizingSignatureSpi(getAlgorithm(), owner.memo, owner.verifier);
        }
    }
}
