package io.mailtls.lab.tls;

import java.security.GeneralSecurityException;
import java.security.Security;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;

/**
 * The one place that relaxes the JDK's {@code jdk.tls.disabledAlgorithms} for this process, so
 * the lab can serve the legacy TLS that real mail servers still speak.
 *
 * <p>Why: the JDK refuses TLS 1.0 and 1.1, 3DES, static RSA key exchange ({@code TLS_RSA_*}) and
 * SHA-1 handshake signatures by default, yet the {@code tls10-only} and {@code weak-ciphers}
 * scenarios exist to show a client exactly such a server. Debian's OpenSSL has no 3DES at all, so
 * the lab cannot borrow a server from there either.
 *
 * <p>Why here and so early: the JDK reads the property once, when its TLS classes are first
 * initialised, and caches it for the life of the process. {@link #enable()} therefore has to run
 * before the first {@link SSLContext} is made anywhere in the process; a later call changes the
 * property but not the running TLS stack, which {@link #isActive()} reports. Only the entries the
 * lab needs are removed; everything else the site configured (SSLv3, RC4, DES, NULL, anon, ...)
 * stays disabled. The relaxation is process-wide: a client in the same process (such as the
 * checker in {@code mailtls demo}) may then negotiate these legacy algorithms too, which is what
 * a mail TLS tester wants anyway.
 */
public final class LegacyTls {

    /** The security property the JDK's TLS stack reads its refusals from. */
    public static final String PROPERTY = "jdk.tls.disabledAlgorithms";

    /** Entries (by their first word) that the lab's legacy scenarios need lifted. */
    private static final Set<String> LIFTED = Set.of("TLSv1", "TLSv1.1", "3DES_EDE_CBC", "TLS_RSA_*",
            "rsa_pkcs1_sha1", "ecdsa_sha1", "dsa_sha1");

    /** The JDK's own name for TLS_RSA_WITH_3DES_EDE_CBC_SHA: present in the supported list only when allowed. */
    private static final String PROBE_SUITE = "SSL_RSA_WITH_3DES_EDE_CBC_SHA";

    private static volatile Boolean active;

    private LegacyTls() {
    }

    /**
     * Lifts the legacy entries from the property (once per process) and answers whether the
     * running TLS stack now allows them.
     */
    public static synchronized boolean enable() {
        String current = Security.getProperty(PROPERTY);
        if (current != null) {
            String relaxed = relax(current);
            if (!relaxed.equals(current)) {
                Security.setProperty(PROPERTY, relaxed);
            }
        }
        return isActive();
    }

    /** Whether this process's TLS stack allows TLS 1.0, 3DES and static RSA key exchange. */
    public static boolean isActive() {
        Boolean known = active;
        if (known == null) {
            known = probe();
            // Only a positive answer is final: a negative one may be asked before enable() ran.
            if (known) {
                active = true;
            }
        }
        return known;
    }

    /** The property value without the entries the lab needs lifted. */
    static String relax(String value) {
        List<String> kept = new ArrayList<>();
        for (String entry : value.split(",")) {
            String trimmed = entry.trim();
            if (trimmed.isEmpty()) {
                continue;
            }
            String firstWord = trimmed.split("\\s+", 2)[0];
            if (!LIFTED.contains(firstWord)) {
                kept.add(trimmed);
            }
        }
        return String.join(", ", kept);
    }

    private static boolean probe() {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, null, null);
            SSLParameters supported = context.getSupportedSSLParameters();
            SSLParameters defaults = context.getDefaultSSLParameters();
            return Arrays.asList(supported.getCipherSuites()).contains(PROBE_SUITE)
                    && Arrays.asList(defaults.getProtocols()).contains("TLSv1");
        } catch (GeneralSecurityException e) {
            return false;
        }
    }
}
