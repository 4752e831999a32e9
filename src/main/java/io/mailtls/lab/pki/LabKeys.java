package io.mailtls.lab.pki;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.util.concurrent.CompletableFuture;

/** Key pairs for the lab: fresh EC P-256 pairs, and one RSA 2048 pair per process because RSA is slow to make. */
final class LabKeys {

    private LabKeys() {
    }

    /** A fresh P-256 key pair; the JDK makes one in well under a millisecond. */
    static KeyPair ec() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK cannot make a P-256 key", e);
        }
    }

    /**
     * The process's one RSA 2048 pair. Making it costs 50 to 500 ms, so every lab in the process
     * shares it (the certificates around it are still fresh per lab), and it is started in the
     * background as soon as the lab makes its first key, so the EC work overlaps it.
     */
    static KeyPair rsa() {
        return RSA.join();
    }

    private static final CompletableFuture<KeyPair> RSA = CompletableFuture.supplyAsync(LabKeys::generateRsa,
            task -> Thread.ofVirtual().name("lab-rsa-keygen").start(task));

    private static KeyPair generateRsa() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK cannot make an RSA 2048 key", e);
        }
    }
}
