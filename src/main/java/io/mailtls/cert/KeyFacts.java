package io.mailtls.cert;

import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.security.interfaces.DSAPublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.EdECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.interfaces.XECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.NamedParameterSpec;
import java.security.spec.PSSParameterSpec;
import java.util.Locale;

/** A public key's family, size and display form, and the digest of a certificate's signature. */
record KeyFacts(String algorithm, int bits, String display) {

    static KeyFacts of(PublicKey key) {
        return switch (key) {
            case RSAPublicKey rsa -> sized(rsa.getAlgorithm(), rsa.getModulus().bitLength(), null);
            case DSAPublicKey dsa -> sized("DSA", dsa.getParams() == null ? 0 : dsa.getParams().getP().bitLength(), null);
            case ECPublicKey ec -> sized("EC", ec.getParams().getCurve().getField().getFieldSize(), curveName(ec));
            case EdECPublicKey ed -> named(ed.getParams());
            case XECPublicKey xec when xec.getParams() instanceof NamedParameterSpec spec -> named(spec);
            default -> new KeyFacts(key.getAlgorithm(), 0, key.getAlgorithm());
        };
    }

    private static KeyFacts sized(String algorithm, int bits, String curve) {
        String display = bits == 0 ? algorithm : algorithm + " " + bits;
        return new KeyFacts(algorithm, bits, curve == null ? display : display + " (" + curve + ")");
    }

    private static KeyFacts named(NamedParameterSpec spec) {
        String name = spec == null ? "EdDSA" : spec.getName();
        int bits = switch (name) {
            case "Ed25519", "X25519" -> 255;
            case "Ed448", "X448" -> 448;
            default -> 0;
        };
        return new KeyFacts(name, bits, name);
    }

    private static String curveName(ECPublicKey ec) {
        try {
            AlgorithmParameters params = AlgorithmParameters.getInstance("EC");
            params.init(ec.getParams());
            return params.getParameterSpec(ECGenParameterSpec.class).getName();
        } catch (GeneralSecurityException e) {
            return null; // explicit (unnamed) curve parameters: show the size only
        }
    }

    /** "SHA-256", "SHA-1", "MD5", ...; "" for algorithms without a separate digest (EdDSA) or unknown ones. */
    static String signatureHash(X509Certificate cert) {
        String name = cert.getSigAlgName().toUpperCase(Locale.ROOT);
        if (name.equals("RSASSA-PSS")) {
            return pssHash(cert.getSigAlgParams());
        }
        int with = name.indexOf("WITH");
        return with <= 0 ? "" : normalizeDigest(name.substring(0, with));
    }

    private static String pssHash(byte[] encodedParams) {
        if (encodedParams == null) {
            return "SHA-1"; // RFC 4055: absent parameters mean the SHA-1 defaults
        }
        try {
            AlgorithmParameters params = AlgorithmParameters.getInstance("RSASSA-PSS");
            params.init(encodedParams);
            return normalizeDigest(params.getParameterSpec(PSSParameterSpec.class).getDigestAlgorithm());
        } catch (GeneralSecurityException | java.io.IOException e) {
            return "";
        }
    }

    private static String normalizeDigest(String digest) {
        String d = digest.toUpperCase(Locale.ROOT);
        if (d.startsWith("SHA3")) {
            return d.startsWith("SHA3-") ? d : "SHA3-" + d.substring(4);
        }
        if (d.startsWith("SHA-") || !d.startsWith("SHA")) {
            return d;
        }
        return "SHA-" + d.substring(3); // SHA1 -> SHA-1, SHA256 -> SHA-256
    }
}
