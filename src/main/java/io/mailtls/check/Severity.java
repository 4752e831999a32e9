package io.mailtls.check;

/** How bad a finding is for the mail, from a passed check up to "cannot travel over TLS". */
public enum Severity {
    OK, INFO, LOW, MEDIUM, HIGH, CRITICAL;

    /** True when this severity is worse than {@code other}. */
    public boolean worseThan(Severity other) {
        return compareTo(other) > 0;
    }
}
