package io.mailtls.facts;

/** The contract's verdict for an endpoint or a whole target, ordered from best to worst. */
public enum Outcome {
    TLS_OK, TLS_WEAK, NO_TLS, INCONCLUSIVE;

    /** The worse of two outcomes; INCONCLUSIVE ranks last because it says we could not tell at all. */
    public Outcome worst(Outcome other) {
        return other.ordinal() > ordinal() ? other : this;
    }
}
