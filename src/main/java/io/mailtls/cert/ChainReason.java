package io.mailtls.cert;

/** Why a chain is, or is not, trusted: one precise cause, decided by inspecting the chain. */
public enum ChainReason {
    /** The chain reaches a trust anchor and PKIX validation passes. */
    TRUSTED,
    /** A certificate of the path is past its notAfter. */
    EXPIRED,
    /** A certificate of the path is before its notBefore. */
    NOT_YET_VALID,
    /** A lone self-signed certificate that is not a trust anchor. */
    SELF_SIGNED,
    /** The chain ends at a self-issued root that is not a trust anchor. */
    UNTRUSTED_ROOT,
    /** The top certificate sent is not self-issued and its issuer is not an anchor: an intermediate is missing. */
    INCOMPLETE_CHAIN,
    /** A signature in the path does not verify (for example the server sends a stale intermediate). */
    BAD_SIGNATURE,
    /** An algorithm or key size of the path is disabled by the JDK's certificate path constraints. */
    DISALLOWED_ALGORITHM,
    /** The leaf's extended key usage does not allow TLS server authentication. */
    WRONG_USAGE,
    /** The server sent no certificate. */
    NO_CERTIFICATE,
    /** The server sent more certificates than mailtls processes. */
    CHAIN_TOO_LONG,
    /** Any other PKIX failure (basic constraints, path length, name constraints, critical extensions). */
    OTHER
}
