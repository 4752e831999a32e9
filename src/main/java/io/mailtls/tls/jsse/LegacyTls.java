package io.mailtls.tls.jsse;

import java.security.Security;

/**
 * Lets this process's JDK TLS stack speak to old mail servers (TLS 1.0/1.1, SSLv3, 3DES, static RSA, weak DH).
 *
 * <p>A diagnostic tool that cannot complete a handshake with a legacy-only server cannot tell its admin what is
 * wrong with it; the weakness is reported as a finding instead. The JDK reads these properties once, when its
 * TLS classes first initialise, so this must run before any {@code SSLContext} is made: every entry point calls it.
 */
public final class LegacyTls {
    private static volatile boolean done;

    private LegacyTls() {
    }

    /** Clears the JDK's TLS algorithm restrictions for this process; idempotent. */
    public static synchronized void enable() {
        if (done) {
            return;
        }
        Security.setProperty("jdk.tls.disabledAlgorithms", "");
        Security.setProperty("jdk.tls.legacyAlgorithms", "");
        // A chain of over ten certificates is itself a finding; the JDK's default limit of 10 would hide it.
        System.setProperty("jdk.tls.maxCertificateChainLength", "20");
        done = true;
    }
}
