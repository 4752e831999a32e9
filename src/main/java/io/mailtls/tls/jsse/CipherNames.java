package io.mailtls.tls.jsse;

/** Turns the JDK's cipher-suite aliases into IANA names (the JDK still calls some suites {@code SSL_...}). */
public final class CipherNames {
    private CipherNames() {
    }

    /** The IANA name for a JDK suite name. */
    public static String iana(String jdk) {
        if (jdk == null) {
            return null;
        }
        return jdk.startsWith("SSL_") ? "TLS_" + jdk.substring(4) : jdk;
    }
}
