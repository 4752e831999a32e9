package io.mailtls.tls.wire;

import io.mailtls.tls.registry.NamedGroups;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPairGenerator;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.util.Arrays;
import java.util.Optional;

/**
 * Fresh public keys from the JDK for key_share entries. The private halves are thrown away: a probe
 * only needs the server to accept the share, never to finish the handshake.
 */
public final class KeyShares {
    private KeyShares() {
    }

    /** A real public value for the group, or empty for a group the JDK cannot generate. */
    public static Optional<KeyShareEntry> generate(int group) {
        try {
            return switch (group) {
                case NamedGroups.X25519 -> Optional.of(new KeyShareEntry(group, xdh("X25519", 32)));
                case NamedGroups.X448 -> Optional.of(new KeyShareEntry(group, xdh("X448", 56)));
                case NamedGroups.SECP256R1 -> Optional.of(new KeyShareEntry(group, ec("secp256r1", 32)));
                case NamedGroups.SECP384R1 -> Optional.of(new KeyShareEntry(group, ec("secp384r1", 48)));
                case NamedGroups.SECP521R1 -> Optional.of(new KeyShareEntry(group, ec("secp521r1", 66)));
                default -> Optional.empty();
            };
        } catch (GeneralSecurityException e) {
            return Optional.empty();
        }
    }

    private static byte[] xdh(String algorithm, int length) throws GeneralSecurityException {
        byte[] spki = KeyPairGenerator.getInstance(algorithm).generateKeyPair().getPublic().getEncoded();
        // The X.509 SubjectPublicKeyInfo ends with the raw little-endian u-coordinate (RFC 8410).
        return Arrays.copyOfRange(spki, spki.length - length, spki.length);
    }

    private static byte[] ec(String curve, int fieldBytes) throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec(curve));
        ECPublicKey key = (ECPublicKey) generator.generateKeyPair().getPublic();
        byte[] point = new byte[1 + 2 * fieldBytes];
        point[0] = 4; // uncompressed form (RFC 8446 section 4.2.8.2)
        put(key.getW().getAffineX(), point, 1, fieldBytes);
        put(key.getW().getAffineY(), point, 1 + fieldBytes, fieldBytes);
        return point;
    }

    private static void put(BigInteger value, byte[] out, int offset, int length) {
        byte[] raw = value.toByteArray();
        int copy = Math.min(raw.length, length);
        System.arraycopy(raw, raw.length - copy, out, offset + length - copy, copy);
    }
}
