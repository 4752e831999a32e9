package io.mailtls.cert;

import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import javax.security.auth.x500.X500Principal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The certificates a chain may end at (anchors) and the known intermediates that may complete
 * a chain: the JDK's default trust store plus the roots and intermediates of an extra PEM file.
 *
 * <p>Immutable and thread-safe. The JDK store costs about 90 ms to parse on a cold JVM, so it
 * is read once per process, on first use (or earlier through {@link #warmUp()}).
 */
public final class TrustAnchors {
    private static final Logger LOG = LoggerFactory.getLogger(TrustAnchors.class);

    private final boolean includeJdk;
    private final String extraSource;
    private final List<X509Certificate> extraAnchors;
    private final List<X509Certificate> intermediates;
    private final Map<X500Principal, List<X509Certificate>> extraAnchorsBySubject;
    private final Map<X500Principal, List<X509Certificate>> intermediatesBySubject;

    private TrustAnchors(boolean includeJdk, String extraSource, Collection<X509Certificate> certs) {
        this.includeJdk = includeJdk;
        this.extraSource = extraSource;
        List<X509Certificate> anchors = new ArrayList<>();
        List<X509Certificate> others = new ArrayList<>();
        for (X509Certificate cert : certs) {
            (Signatures.selfSigned(cert) ? anchors : others).add(cert);
        }
        this.extraAnchors = List.copyOf(anchors);
        this.intermediates = List.copyOf(others);
        this.extraAnchorsBySubject = bySubject(extraAnchors);
        this.intermediatesBySubject = bySubject(intermediates);
    }

    /**
     * The JDK's default trust store plus, when {@code caFileOrNull} is given, the certificates of
     * that PEM file.
     *
     * @throws BadCaFileException when the file is missing, unreadable, empty or holds no PEM certificate
     */
    public static TrustAnchors load(Path caFileOrNull) {
        if (caFileOrNull == null) {
            return new TrustAnchors(true, null, List.of());
        }
        return new TrustAnchors(true, caFileOrNull.toString(), PemCertificates.read(caFileOrNull));
    }

    /** Only the given certificates, without the JDK's store: self-signed ones are anchors, others intermediates. */
    public static TrustAnchors of(Collection<X509Certificate> certs) {
        return new TrustAnchors(false, "the given certificates", List.copyOf(certs));
    }

    /** Starts reading the JDK's store on a virtual thread, so a later validation finds it ready. */
    public static void warmUp() {
        Thread.ofVirtual().name("mailtls-cacerts").start(() -> JdkStore.ANCHORS.size());
    }

    /** Every anchor: the JDK's (when included) and the self-signed certificates given. */
    public List<X509Certificate> anchors() {
        if (!includeJdk) {
            return extraAnchors;
        }
        List<X509Certificate> all = new ArrayList<>(JdkStore.ANCHORS);
        all.addAll(extraAnchors);
        return List.copyOf(all);
    }

    /** The known intermediates (non-self-signed certificates of the CA file). */
    public List<X509Certificate> intermediates() {
        return intermediates;
    }

    /** True when the JDK's default trust store is part of these anchors. */
    public boolean includesJdkDefaults() {
        return includeJdk;
    }

    /** One line naming the sources, for a finding's detail ("the JDK's trust store (144 roots) and /x.pem (1 root)"). */
    public String describe() {
        List<String> parts = new ArrayList<>();
        if (includeJdk) {
            parts.add("the JDK's trust store (" + count(JdkStore.ANCHORS.size(), "root")
                    + (JdkStore.problem == null ? "" : "; " + JdkStore.problem) + ")");
        }
        if (extraSource != null) {
            parts.add(PemCertificates.printable(extraSource) + " (" + count(extraAnchors.size(), "root") + ", "
                    + count(intermediates.size(), "intermediate") + ")");
        }
        return parts.isEmpty() ? "no trust anchors" : String.join(" and ", parts);
    }

    private static String count(int n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }

    /** The anchors whose subject is {@code subject}. */
    List<X509Certificate> anchorsWithSubject(X500Principal subject) {
        List<X509Certificate> found = new ArrayList<>(extraAnchorsBySubject.getOrDefault(subject, List.of()));
        if (includeJdk) {
            found.addAll(JdkStore.BY_SUBJECT.getOrDefault(subject, List.of()));
        }
        return found;
    }

    /** The known intermediates whose subject is {@code subject}. */
    List<X509Certificate> intermediatesWithSubject(X500Principal subject) {
        return intermediatesBySubject.getOrDefault(subject, List.of());
    }

    /**
     * The anchor that {@code cert} stands for: same subject and same public key, which is what a
     * trust anchor is (RFC 5280 §6.1.1 d); a re-issued or cross-signed copy of a root counts.
     */
    X509Certificate anchorFor(X509Certificate cert) {
        for (X509Certificate anchor : anchorsWithSubject(cert.getSubjectX500Principal())) {
            if (anchor.getPublicKey().equals(cert.getPublicKey())) {
                return anchor;
            }
        }
        return null;
    }

    /** The anchor whose key signed {@code cert}, or null. */
    X509Certificate issuingAnchorOf(X509Certificate cert) {
        for (X509Certificate anchor : anchorsWithSubject(cert.getIssuerX500Principal())) {
            if (Signatures.verifies(cert, anchor)) {
                return anchor;
            }
        }
        return null;
    }

    private static Map<X500Principal, List<X509Certificate>> bySubject(List<X509Certificate> certs) {
        Map<X500Principal, List<X509Certificate>> map = new HashMap<>();
        for (X509Certificate cert : certs) {
            map.computeIfAbsent(cert.getSubjectX500Principal(), k -> new ArrayList<>()).add(cert);
        }
        map.replaceAll((k, v) -> List.copyOf(v));
        return Map.copyOf(map);
    }

    /** The JDK's default trust store, read once (lazy holder: the class initialises on first use). */
    private static final class JdkStore {
        static volatile String problem;
        static final List<X509Certificate> ANCHORS = read();
        static final Map<X500Principal, List<X509Certificate>> BY_SUBJECT = bySubject(ANCHORS);

        private static List<X509Certificate> read() {
            long start = System.nanoTime();
            try {
                // The default TrustManagerFactory honours javax.net.ssl.trustStore, like the JDK's own TLS.
                TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
                factory.init((KeyStore) null);
                for (TrustManager manager : factory.getTrustManagers()) {
                    if (manager instanceof X509TrustManager x509) {
                        List<X509Certificate> anchors = List.of(x509.getAcceptedIssuers());
                        LOG.debug("read {} JDK trust anchors in {} ms", anchors.size(), (System.nanoTime() - start) / 1_000_000);
                        return anchors;
                    }
                }
                problem = "no X.509 trust manager";
            } catch (GeneralSecurityException | RuntimeException e) {
                problem = "unreadable: " + PemCertificates.printable(String.valueOf(e.getMessage()));
            }
            LOG.warn("the JDK's default trust store cannot be used: {}", problem);
            return List.of();
        }
    }

    @Override
    public String toString() {
        return "TrustAnchors[" + (includeJdk ? "jdk+" : "") + extraAnchors.size() + " extra anchors, "
                + intermediates.size() + " intermediates]";
    }
}
