package io.mailtls.lab.pki;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import org.bouncycastle.asn1.x500.X500Name;

import io.mailtls.lab.pki.CertificateMaker.Role;
import io.mailtls.lab.pki.CertificateMaker.Spec;

/**
 * A throwaway PKI made fresh for one lab: a root CA, an intermediate CA, the good leaf for
 * {@value #HOST} and every faulty credential the scenarios serve. Nothing here is ever trusted
 * outside the lab; the root's PEM is what a client passes as its extra trust anchor.
 */
public final class LabPki {

    /** The name every correct lab certificate carries, as subject CN and DNS SAN. */
    public static final String HOST = "mx.lab.test";
    /** The name the {@link CredentialKind#WRONG_NAME} certificate carries instead. */
    public static final String WRONG_NAME = "other.example.net";
    /** How many padded intermediates stand between the huge chain's leaf and the root. */
    public static final int HUGE_CHAIN_INTERMEDIATES = 60;
    /** Padding bytes per huge-chain intermediate, chosen so the whole chain exceeds 100 KB. */
    static final int HUGE_CHAIN_PADDING = 1_700;

    private static final Duration LEAF_LIFETIME = Duration.ofDays(180);

    private final Instant createdAt;
    private final X509Certificate root;
    private final X509Certificate intermediate;
    private final Issuer issuer;
    private final Map<CredentialKind, Credential> credentials;

    private LabPki(Instant createdAt, X509Certificate root, X509Certificate intermediate, Issuer issuer,
                   Map<CredentialKind, Credential> credentials) {
        this.createdAt = createdAt;
        this.root = root;
        this.intermediate = intermediate;
        this.issuer = issuer;
        this.credentials = credentials;
    }

    /** Makes a fresh PKI valid around the current time. */
    public static LabPki create() {
        return create(Instant.now());
    }

    /** Makes a fresh PKI whose validity periods are placed around {@code now}. */
    public static LabPki create(Instant now) {
        Instant at = now.truncatedTo(ChronoUnit.SECONDS);
        // CAs cover the faulty leaves' dates too, so only the leaf itself is out of its period.
        Instant caFrom = at.minus(Duration.ofDays(800));
        Instant caUntil = at.plus(Duration.ofDays(3650));

        KeyPair rootKeys = LabKeys.ec();
        X500Name rootName = name("mailtls lab root CA");
        X509Certificate root = CertificateMaker.issue(new Spec(rootName, rootKeys.getPublic(), rootName, rootKeys,
                caFrom, caUntil, Role.CA, List.of(), 0));

        KeyPair intermediateKeys = LabKeys.ec();
        X500Name intermediateName = name("mailtls lab intermediate CA");
        X509Certificate intermediate = CertificateMaker.issue(new Spec(intermediateName,
                intermediateKeys.getPublic(), rootName, rootKeys, caFrom, caUntil, Role.CA, List.of(), 0));

        var issuer = new Issuer(intermediateName, intermediateKeys);
        Map<CredentialKind, Credential> made = new EnumMap<>(CredentialKind.class);
        Instant validFrom = at.minus(Duration.ofHours(1));

        KeyPair leafKeys = LabKeys.ec();
        X509Certificate goodLeaf = issuer.leaf(HOST, leafKeys, validFrom, validFrom.plus(LEAF_LIFETIME));
        made.put(CredentialKind.GOOD, credential(CredentialKind.GOOD, leafKeys, goodLeaf, intermediate));
        made.put(CredentialKind.LEAF_ONLY, credential(CredentialKind.LEAF_ONLY, leafKeys, goodLeaf));

        KeyPair rsaKeys = LabKeys.rsa();
        made.put(CredentialKind.GOOD_RSA, credential(CredentialKind.GOOD_RSA, rsaKeys,
                issuer.leaf(HOST, rsaKeys, validFrom, validFrom.plus(LEAF_LIFETIME)), intermediate));

        KeyPair expiredKeys = LabKeys.ec();
        made.put(CredentialKind.EXPIRED, credential(CredentialKind.EXPIRED, expiredKeys,
                issuer.leaf(HOST, expiredKeys, at.minus(Duration.ofDays(400)), at.minus(Duration.ofDays(10))),
                intermediate));

        KeyPair futureKeys = LabKeys.ec();
        made.put(CredentialKind.NOT_YET_VALID, credential(CredentialKind.NOT_YET_VALID, futureKeys,
                issuer.leaf(HOST, futureKeys, at.plus(Duration.ofDays(10)), at.plus(Duration.ofDays(400))),
                intermediate));

        KeyPair wrongKeys = LabKeys.ec();
        made.put(CredentialKind.WRONG_NAME, credential(CredentialKind.WRONG_NAME, wrongKeys,
                issuer.leaf(WRONG_NAME, wrongKeys, validFrom, validFrom.plus(LEAF_LIFETIME)), intermediate));

        KeyPair selfKeys = LabKeys.ec();
        X509Certificate selfSigned = CertificateMaker.issue(new Spec(name(HOST), selfKeys.getPublic(), name(HOST),
                selfKeys, validFrom, validFrom.plus(LEAF_LIFETIME), Role.SERVER, List.of(HOST), 0));
        made.put(CredentialKind.SELF_SIGNED, credential(CredentialKind.SELF_SIGNED, selfKeys, selfSigned));

        made.put(CredentialKind.HUGE_CHAIN, hugeChain(rootName, rootKeys, caFrom, caUntil, validFrom));
        return new LabPki(at, root, intermediate, issuer, made);
    }

    /**
     * Root, then {@value #HUGE_CHAIN_INTERMEDIATES} intermediates each signed by the one before, then
     * the leaf. The intermediates share one key pair (signing is what costs time, not names), and
     * each carries {@value #HUGE_CHAIN_PADDING} bytes in a non-critical extension.
     */
    private static Credential hugeChain(X500Name rootName, KeyPair rootKeys, Instant caFrom, Instant caUntil,
                                        Instant validFrom) {
        KeyPair shared = LabKeys.ec();
        List<X509Certificate> cas = new ArrayList<>(HUGE_CHAIN_INTERMEDIATES);
        X500Name issuerName = rootName;
        KeyPair issuerKeys = rootKeys;
        for (int i = 1; i <= HUGE_CHAIN_INTERMEDIATES; i++) {
            X500Name subject = name("mailtls lab huge-chain CA " + i);
            cas.add(CertificateMaker.issue(new Spec(subject, shared.getPublic(), issuerName, issuerKeys,
                    caFrom, caUntil, Role.CA, List.of(), HUGE_CHAIN_PADDING)));
            issuerName = subject;
            issuerKeys = shared;
        }
        KeyPair leafKeys = LabKeys.ec();
        X509Certificate leaf = CertificateMaker.issue(new Spec(name(HOST), leafKeys.getPublic(), issuerName,
                issuerKeys, validFrom, validFrom.plus(LEAF_LIFETIME), Role.SERVER, List.of(HOST), 0));
        List<X509Certificate> chain = new ArrayList<>(cas.size() + 1);
        chain.add(leaf);
        chain.addAll(cas.reversed());
        return new Credential(CredentialKind.HUGE_CHAIN, leafKeys.getPrivate(), chain);
    }

    /** When this PKI was made (to the second); validity periods are placed around it. */
    public Instant createdAt() {
        return createdAt;
    }

    /** The root CA: the one trust anchor of the lab. */
    public X509Certificate root() {
        return root;
    }

    /** The intermediate CA that issues every leaf except the self-signed and huge-chain ones. */
    public X509Certificate intermediate() {
        return intermediate;
    }

    /** The credential of the given kind. */
    public Credential credential(CredentialKind kind) {
        return credentials.get(kind);
    }

    /**
     * A fresh credential of {@code kind} under this PKI's root whose certificates name
     * {@code dnsNames} (subject CN is the first) instead of {@value #HOST}: the domain lab gives
     * each MX host and policy host its own name. {@code WRONG_NAME} and {@code HUGE_CHAIN} are
     * about their own names and chains, so they come back as made at creation.
     */
    public Credential issue(CredentialKind kind, List<String> dnsNames) {
        if (dnsNames.isEmpty()) {
            throw new IllegalArgumentException("a certificate needs at least one name");
        }
        Instant validFrom = createdAt.minus(Duration.ofHours(1));
        KeyPair keys = kind == CredentialKind.GOOD_RSA ? LabKeys.rsa() : LabKeys.ec();
        return switch (kind) {
            case GOOD, GOOD_RSA -> credential(kind, keys,
                    issuer.leaf(dnsNames, keys, validFrom, validFrom.plus(LEAF_LIFETIME)), intermediate);
            case LEAF_ONLY -> credential(kind, keys,
                    issuer.leaf(dnsNames, keys, validFrom, validFrom.plus(LEAF_LIFETIME)));
            case EXPIRED -> credential(kind, keys, issuer.leaf(dnsNames, keys,
                    createdAt.minus(Duration.ofDays(400)), createdAt.minus(Duration.ofDays(10))), intermediate);
            case NOT_YET_VALID -> credential(kind, keys, issuer.leaf(dnsNames, keys,
                    createdAt.plus(Duration.ofDays(10)), createdAt.plus(Duration.ofDays(400))), intermediate);
            case SELF_SIGNED -> credential(kind, keys, CertificateMaker.issue(new Spec(name(dnsNames.getFirst()),
                    keys.getPublic(), name(dnsNames.getFirst()), keys, validFrom, validFrom.plus(LEAF_LIFETIME),
                    Role.SERVER, List.copyOf(dnsNames), 0)));
            case WRONG_NAME, HUGE_CHAIN -> credential(kind);
        };
    }

    /** The root CA certificate in PEM form. */
    public String rootPem() {
        try {
            String base64 = Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(root.getEncoded());
            return "-----BEGIN CERTIFICATE-----\n" + base64 + "\n-----END CERTIFICATE-----\n";
        } catch (CertificateEncodingException e) {
            throw new IllegalStateException("the lab root cannot be encoded", e);
        }
    }

    /** Writes the root CA in PEM form to {@code file}, replacing it, and returns the file. */
    public Path writeRootPem(Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Files.writeString(file, rootPem(), StandardCharsets.US_ASCII);
        return file;
    }

    private static Credential credential(CredentialKind kind, KeyPair keys, X509Certificate... chain) {
        return new Credential(kind, keys.getPrivate(), List.of(chain));
    }

    private static X500Name name(String commonName) {
        return new X500Name("CN=" + commonName + ",O=mailtls lab");
    }

    /** The intermediate CA as the issuer of leaves. */
    private record Issuer(X500Name name, KeyPair keys) {
        X509Certificate leaf(String host, KeyPair subject, Instant notBefore, Instant notAfter) {
            return leaf(List.of(host), subject, notBefore, notAfter);
        }

        X509Certificate leaf(List<String> hosts, KeyPair subject, Instant notBefore, Instant notAfter) {
            return CertificateMaker.issue(new Spec(LabPki.name(hosts.getFirst()), subject.getPublic(), name, keys,
                    notBefore, notAfter, Role.SERVER, List.copyOf(hosts), 0));
        }
    }
}
