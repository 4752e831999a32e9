package io.mailtls.lab.pki;

/** The certificates the lab can serve: one correct pair and the deliberately faulty ones. */
public enum CredentialKind {
    /** EC P-256 leaf for {@code mx.lab.test}, served with its intermediate: what a client should accept. */
    GOOD,
    /** RSA 2048 leaf for {@code mx.lab.test} with its intermediate, for static RSA key exchange. */
    GOOD_RSA,
    /** A correctly issued leaf whose notAfter lies in the past. */
    EXPIRED,
    /** A correctly issued leaf whose notBefore lies in the future. */
    NOT_YET_VALID,
    /** A correctly issued leaf for {@code other.example.net} instead of {@code mx.lab.test}. */
    WRONG_NAME,
    /** A leaf for {@code mx.lab.test} signed by its own key, no CA involved. */
    SELF_SIGNED,
    /** The good leaf sent alone: the intermediate that links it to the root is missing. */
    LEAF_ONLY,
    /** A leaf under a chain of {@value LabPki#HUGE_CHAIN_INTERMEDIATES} padded intermediates, over 100 KB. */
    HUGE_CHAIN
}
