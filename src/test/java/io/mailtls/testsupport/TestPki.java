package io.mailtls.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A throwaway PKI in a directory: a root CA (the PEM file clients trust), an intermediate CA, and server
 * certificates in good and broken variants, each written as a chain file that Postfix's
 * {@code smtpd_tls_chain_files} reads (private key, then leaf, then intermediate).
 */
public final class TestPki {
    /** The name the good certificates are issued for. */
    public static final String DEFAULT_HOST = "mx.postfix.test";
    /** The name the {@link Kind#WRONG_NAME} certificate is issued for instead. */
    public static final String WRONG_HOST = "mx.wrong-name.test";

    /** The key type of a server certificate: RSA 2048 or EC P-256. */
    public enum KeyAlgorithm { RSA, EC }

    /** What is right or wrong with a server certificate. */
    public enum Kind {
        /** Valid for a year, issued by the intermediate, chain file includes the intermediate. */
        GOOD,
        /** Expired yesterday. */
        EXPIRED,
        /** Valid from tomorrow. */
        NOT_YET_VALID,
        /** Valid, but for {@link #WRONG_HOST}. */
        WRONG_NAME,
        /** Signed by its own key, for the right name. */
        SELF_SIGNED,
        /** Valid, but the chain file omits the intermediate. */
        MISSING_INTERMEDIATE;

        String fileStem() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    /**
     * One server certificate as served.
     *
     * @param kind        what is wrong with it, if anything
     * @param algorithm   its key type
     * @param chainFile   PEM: private key, leaf, then the served intermediates
     * @param certificate the leaf
     * @param servedChain the certificates in the chain file, leaf first (never the root)
     */
    public record Leaf(Kind kind, KeyAlgorithm algorithm, Path chainFile, X509Certificate certificate,
                       List<X509Certificate> servedChain) {
        public Leaf {
            servedChain = List.copyOf(servedChain);
        }
    }

    private record LeafKey(Kind kind, KeyAlgorithm algorithm) {
    }

    private final Path directory;
    private final String hostName;
    private final Instant now;
    private final CertificateIssuer.Issued root;
    private final CertificateIssuer.Issued intermediate;
    private final Path caFile;
    private final Map<LeafKey, Leaf> leaves = new ConcurrentHashMap<>();

    private TestPki(Path directory, String hostName) throws IOException {
        this.directory = directory;
        this.hostName = hostName;
        // Whole seconds: X.509 times have no fractions, and equal bounds make assertions simple.
        this.now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        Instant caStart = now.minus(Duration.ofDays(365));
        this.root = CertificateIssuer.rootCa("mailtls Test Root CA",
                CertificateIssuer.newKeyPair(KeyAlgorithm.RSA), caStart, now.plus(Duration.ofDays(3650)));
        this.intermediate = CertificateIssuer.intermediateCa(root, "mailtls Test Intermediate CA",
                CertificateIssuer.newKeyPair(KeyAlgorithm.RSA), caStart, now.plus(Duration.ofDays(1825)));
        Files.createDirectories(directory);
        this.caFile = directory.resolve("root-ca.pem");
        Files.writeString(caFile, Pem.certificate(root.certificate()));
        Files.writeString(directory.resolve("intermediate-ca.pem"), Pem.certificate(intermediate.certificate()));
    }

    /** Creates the CAs for {@link #DEFAULT_HOST} in directory; leaves are issued on first use. */
    public static TestPki create(Path directory) {
        return create(directory, DEFAULT_HOST);
    }

    /** Creates the CAs in directory; good leaves will be issued for hostName. */
    public static TestPki create(Path directory, String hostName) {
        try {
            return new TestPki(directory, hostName);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the test PKI to " + directory, e);
        }
    }

    /** The name good leaves are issued for. */
    public String hostName() {
        return hostName;
    }

    /** The root CA certificate as a PEM file, for {@code --ca-file} and {@code openssl -CAfile}. */
    public Path caFile() {
        return caFile;
    }

    public X509Certificate rootCertificate() {
        return root.certificate();
    }

    public X509Certificate intermediateCertificate() {
        return intermediate.certificate();
    }

    /** The RSA leaf of this kind, issued and written on first use. */
    public Leaf leaf(Kind kind) {
        return leaf(kind, KeyAlgorithm.RSA);
    }

    /** The leaf of this kind and key type, issued and written on first use; each has its own key. */
    public Leaf leaf(Kind kind, KeyAlgorithm algorithm) {
        return leaves.computeIfAbsent(new LeafKey(kind, algorithm), this::issue);
    }

    private Leaf issue(LeafKey key) {
        KeyPair keys = CertificateIssuer.newKeyPair(key.algorithm());
        Instant from = now.minus(Duration.ofDays(1));
        Instant to = now.plus(Duration.ofDays(365));
        CertificateIssuer.Issued leaf = switch (key.kind()) {
            case GOOD, MISSING_INTERMEDIATE -> CertificateIssuer.server(intermediate, hostName, keys, from, to);
            case EXPIRED -> CertificateIssuer.server(intermediate, hostName, keys,
                    now.minus(Duration.ofDays(90)), now.minus(Duration.ofDays(1)));
            case NOT_YET_VALID -> CertificateIssuer.server(intermediate, hostName, keys,
                    now.plus(Duration.ofDays(1)), now.plus(Duration.ofDays(366)));
            case WRONG_NAME -> CertificateIssuer.server(intermediate, WRONG_HOST, keys, from, to);
            case SELF_SIGNED -> CertificateIssuer.server(null, hostName, keys, from, to);
        };
        List<X509Certificate> served = switch (key.kind()) {
            case SELF_SIGNED, MISSING_INTERMEDIATE -> List.of(leaf.certificate());
            default -> List.of(leaf.certificate(), intermediate.certificate());
        };
        StringBuilder pem = new StringBuilder(Pem.privateKey(leaf.key()));
        served.forEach(c -> pem.append(Pem.certificate(c)));
        Path file = directory.resolve(key.kind().fileStem() + "-"
                + key.algorithm().name().toLowerCase(Locale.ROOT) + ".chain.pem");
        try {
            Files.writeString(file, pem);
            restrictToOwner(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
        return new Leaf(key.kind(), key.algorithm(), file, leaf.certificate(), served);
    }

    /** The file holds a private key; Postfix reads it as root before dropping privileges, so 0600 suffices. */
    private static void restrictToOwner(Path file) throws IOException {
        if (Files.getFileStore(file).supportsFileAttributeView(PosixFileAttributeView.class)) {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        }
    }
}
