package io.mailtls.cert;

import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import javax.security.auth.x500.X500Principal;

/**
 * The certification path the server's own certificates form, from the leaf upwards, and the
 * order facts found on the way.
 *
 * @param order              indices in the chain as sent, leaf first, each certified by the next
 * @param wrongIssuerIndex   index of a sent certificate that bears the top's issuer name but whose key
 *                           did not sign it (a stale or wrong intermediate), or -1
 * @param issues             order facts (out of order, unrelated, duplicate)
 */
record SentPath(List<Integer> order, int wrongIssuerIndex, List<ChainIssue> issues) {

    /** Builds the path from {@code chain.get(0)}; {@code chain} is non-empty and already bounded. */
    static SentPath build(List<X509Certificate> chain) {
        List<Integer> order = new ArrayList<>();
        boolean[] used = new boolean[chain.size()];
        order.add(0);
        used[0] = true;
        int wrongIssuer = -1;
        X509Certificate current = chain.get(0);
        while (!selfIssued(current)) {
            int next = -1;
            for (int j = 0; j < chain.size() && next < 0; j++) {
                X509Certificate candidate = chain.get(j);
                if (used[j] || !current.getIssuerX500Principal().equals(candidate.getSubjectX500Principal())) {
                    continue;
                }
                if (Signatures.verifies(current, candidate)) {
                    next = j;
                } else if (wrongIssuer < 0) {
                    wrongIssuer = j;
                }
            }
            if (next < 0) {
                break;
            }
            wrongIssuer = -1; // a right issuer was found after all; a same-named stray is merely unrelated
            order.add(next);
            used[next] = true;
            current = chain.get(next);
        }
        return new SentPath(List.copyOf(order), wrongIssuer, issues(chain, order, used, wrongIssuer));
    }

    private static List<ChainIssue> issues(List<X509Certificate> chain, List<Integer> order, boolean[] used, int wrongIssuer) {
        List<ChainIssue> issues = new ArrayList<>();
        for (int i = 0; i < order.size(); i++) {
            if (order.get(i) != i) {
                issues.add(new ChainIssue(ChainIssue.Kind.OUT_OF_ORDER, order.get(i), subject(chain.get(order.get(i))),
                        "the path is sent in the order " + order + " instead of leaf first with each certificate followed by"
                                + " its issuer (RFC 5246 §7.4.2); tolerant clients reorder it, strict ones fail"));
                break;
            }
        }
        for (int j = 0; j < chain.size(); j++) {
            if (used[j]) {
                continue;
            }
            X509Certificate cert = chain.get(j);
            int twin = firstEqual(chain, cert, j);
            String name = subject(cert);
            if (twin >= 0) {
                issues.add(new ChainIssue(ChainIssue.Kind.DUPLICATE, j, name,
                        "certificate " + j + " '" + name + "' repeats certificate " + twin));
            } else if (j == wrongIssuer) {
                issues.add(new ChainIssue(ChainIssue.Kind.UNRELATED, j, name,
                        "certificate " + j + " '" + name + "' bears the issuer's name but its key did not sign the certificate"
                                + " below it: it is a different (stale or re-keyed) intermediate"));
            } else {
                issues.add(new ChainIssue(ChainIssue.Kind.UNRELATED, j, name,
                        "certificate " + j + " '" + name + "' certifies no certificate of the path from the leaf"));
            }
        }
        return issues;
    }

    private static int firstEqual(List<X509Certificate> chain, X509Certificate cert, int before) {
        for (int i = 0; i < before; i++) {
            if (chain.get(i).equals(cert)) {
                return i;
            }
        }
        return -1;
    }

    static boolean selfIssued(X509Certificate cert) {
        return cert.getSubjectX500Principal().equals(cert.getIssuerX500Principal());
    }

    static String subject(X509Certificate cert) {
        return cert.getSubjectX500Principal().getName(X500Principal.RFC2253);
    }
}
