package io.mailtls.cert;

import java.security.GeneralSecurityException;
import java.security.cert.CertPath;
import java.security.cert.CertPathValidator;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertPathValidatorException.BasicReason;
import java.security.cert.CertificateParsingException;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import javax.security.auth.x500.X500Principal;

/**
 * Validates a chain exactly as the server sent it (PKIX, revocation off) and names the one
 * reason it fails, found by inspecting the chain rather than by reading exception messages.
 *
 * <p>Order of judgement: the path the server's own certificates form; where it ends (anchor,
 * untrusted root, lone self-signed, missing intermediate, wrong intermediate); then, for a path
 * that reaches an anchor, dates, the leaf's extended key usage and finally the JDK's PKIX
 * validator for signatures, algorithm constraints and CA constraints.
 */
public final class ChainValidator {
    /** Chains longer than this are not processed: no real chain needs it and each link costs a signature check. */
    public static final int MAX_CHAIN_LENGTH = 20;

    private static final String SERVER_AUTH = "1.3.6.1.5.5.7.3.1";
    private static final String ANY_EXTENDED_KEY_USAGE = "2.5.29.37.0";

    private ChainValidator() {}

    /** Validates {@code chainAsSent} (leaf first, as on the wire) against {@code anchors} at {@code now}. */
    public static ChainValidation validate(List<X509Certificate> chainAsSent, TrustAnchors anchors, Instant now) {
        Objects.requireNonNull(anchors, "anchors");
        Objects.requireNonNull(now, "now");
        List<X509Certificate> chain = chainAsSent == null ? List.of() : chainAsSent;
        int sent = chain.size();
        if (sent == 0) {
            return failed(ChainReason.NO_CERTIFICATE, "the server sent no certificate", -1, List.of(), List.of(), 0);
        }
        if (sent > MAX_CHAIN_LENGTH) {
            String detail = "the server sent " + sent + " certificates; mailtls processes at most " + MAX_CHAIN_LENGTH
                    + " (mail senders give up earlier: Postfix verifies at most 9 by default)";
            return failed(ChainReason.CHAIN_TOO_LONG, detail, -1, List.of(),
                    List.of(new ChainIssue(ChainIssue.Kind.TOO_LONG, -1, null, detail)), sent);
        }
        SentPath sentPath = SentPath.build(chain);
        List<Integer> order = sentPath.order();
        for (int k = 0; k < order.size(); k++) {
            X509Certificate cert = chain.get(order.get(k));
            X509Certificate sameAsAnchor = anchors.anchorFor(cert);
            if (sameAsAnchor != null) {
                // k == 0: the leaf itself is pinned (a --ca-file holding the server's self-signed certificate);
                // otherwise the server sent a copy of the anchor, which the path leaves out.
                return k == 0
                        ? pinnedLeaf(chain, sentPath, now)
                        : reachAnchor(chain, order.subList(0, k), sameAsAnchor, sentPath, now);
            }
            X509Certificate issuingAnchor = anchors.issuingAnchorOf(cert);
            if (issuingAnchor != null) {
                return reachAnchor(chain, order.subList(0, k + 1), issuingAnchor, sentPath, now);
            }
        }
        return unanchored(chain, sentPath, anchors);
    }

    private static ChainValidation pinnedLeaf(List<X509Certificate> chain, SentPath sentPath, Instant now) {
        List<Integer> path = List.of(0);
        ChainValidation dated = dates(chain, path, sentPath, now);
        if (dated != null) {
            return dated;
        }
        String leaf = SentPath.subject(chain.get(0));
        return new ChainValidation(true, ChainReason.TRUSTED, "the certificate '" + leaf + "' is itself a trust anchor",
                -1, path, leaf, null, List.of(), false, sentPath.issues(), chain.size());
    }

    private static ChainValidation reachAnchor(List<X509Certificate> chain, List<Integer> path, X509Certificate anchor,
            SentPath sentPath, Instant now) {
        ChainValidation dated = dates(chain, path, sentPath, now);
        if (dated != null) {
            return dated;
        }
        String usage = serverAuthProblem(chain.get(0));
        if (usage != null) {
            return failed(ChainReason.WRONG_USAGE, usage, 0, path, sentPath.issues(), chain.size());
        }
        String anchorName = SentPath.subject(anchor);
        List<X509Certificate> certs = path.stream().map(chain::get).toList();
        try {
            CertPath certPath = PemCertificates.x509Factory().generateCertPath(certs);
            PKIXParameters params = new PKIXParameters(Set.of(new TrustAnchor(anchor, null)));
            params.setRevocationEnabled(false); // no network: revocation is a separate question
            params.setDate(Date.from(now));
            CertPathValidator.getInstance("PKIX").validate(certPath, params);
        } catch (CertPathValidatorException e) {
            return pkixFailure(e, chain, path, anchorName, sentPath);
        } catch (GeneralSecurityException e) {
            return failed(ChainReason.OTHER, "PKIX validation could not run: " + oneLine(e.getMessage()), -1, path,
                    sentPath.issues(), chain.size());
        }
        String detail = "the chain of " + path.size() + " certificate" + (path.size() == 1 ? "" : "s") + " from '"
                + SentPath.subject(chain.get(0)) + "' reaches the trust anchor '" + anchorName + "'";
        return new ChainValidation(true, ChainReason.TRUSTED, detail, -1, path, anchorName, null, List.of(), false,
                sentPath.issues(), chain.size());
    }

    /** The first certificate of the path (leaf first) outside its validity period, or null when all are within. */
    private static ChainValidation dates(List<X509Certificate> chain, List<Integer> path, SentPath sentPath, Instant now) {
        for (int index : path) {
            X509Certificate cert = chain.get(index);
            Instant notAfter = cert.getNotAfter().toInstant();
            Instant notBefore = cert.getNotBefore().toInstant();
            if (now.isAfter(notAfter)) {
                return failed(ChainReason.EXPIRED, role(index) + " '" + SentPath.subject(cert) + "' expired at " + notAfter
                        + " (checked at " + now + ")", index, path, sentPath.issues(), chain.size());
            }
            if (now.isBefore(notBefore)) {
                return failed(ChainReason.NOT_YET_VALID, role(index) + " '" + SentPath.subject(cert) + "' is valid only from "
                        + notBefore + " (checked at " + now + ")", index, path, sentPath.issues(), chain.size());
            }
        }
        return null;
    }

    private static String serverAuthProblem(X509Certificate leaf) {
        List<String> usages;
        try {
            usages = leaf.getExtendedKeyUsage();
        } catch (CertificateParsingException e) {
            return "the leaf's extended key usage extension cannot be read";
        }
        if (usages == null || usages.contains(SERVER_AUTH) || usages.contains(ANY_EXTENDED_KEY_USAGE)) {
            return null;
        }
        return "the leaf '" + SentPath.subject(leaf) + "' has an extended key usage without serverAuth (" + SERVER_AUTH
                + "): " + usages + "; senders reject it for a TLS server";
    }

    private static ChainValidation pkixFailure(CertPathValidatorException e, List<X509Certificate> chain, List<Integer> path,
            String anchorName, SentPath sentPath) {
        int at = e.getIndex() >= 0 && e.getIndex() < path.size() ? path.get(e.getIndex()) : -1;
        String where = at >= 0 ? role(at) + " '" + SentPath.subject(chain.get(at)) + "'" : "the chain to '" + anchorName + "'";
        ChainReason reason;
        if (e.getReason() instanceof BasicReason basic) {
            reason = switch (basic) {
                case EXPIRED -> ChainReason.EXPIRED;
                case NOT_YET_VALID -> ChainReason.NOT_YET_VALID;
                case INVALID_SIGNATURE -> ChainReason.BAD_SIGNATURE;
                case ALGORITHM_CONSTRAINED -> ChainReason.DISALLOWED_ALGORITHM;
                default -> ChainReason.OTHER;
            };
        } else {
            reason = ChainReason.OTHER; // PKIXReason: NOT_CA_CERT, PATH_TOO_LONG, INVALID_KEY_USAGE, ...
        }
        String detail = where + " fails PKIX validation (" + e.getReason() + "): " + oneLine(e.getMessage());
        return failed(reason, detail, at, path, sentPath.issues(), chain.size());
    }

    /** The path does not reach an anchor: say where it ends and why. */
    private static ChainValidation unanchored(List<X509Certificate> chain, SentPath sentPath, TrustAnchors anchors) {
        List<Integer> path = sentPath.order();
        int topIndex = path.getLast();
        X509Certificate top = chain.get(topIndex);
        String topName = SentPath.subject(top);
        if (sentPath.wrongIssuerIndex() >= 0) {
            int wrong = sentPath.wrongIssuerIndex();
            return failed(ChainReason.BAD_SIGNATURE, "certificate " + wrong + " '" + SentPath.subject(chain.get(wrong))
                    + "' bears the name of the issuer of '" + topName + "' but its key did not sign it: the server sends"
                    + " a different (stale or re-keyed) intermediate", topIndex, path, sentPath.issues(), chain.size());
        }
        if (SentPath.selfIssued(top)) {
            if (path.size() == 1) {
                return failed(ChainReason.SELF_SIGNED, "the certificate '" + topName + "' is self-signed and not a trust"
                        + " anchor in " + anchors.describe(), 0, path, sentPath.issues(), chain.size());
            }
            return failed(ChainReason.UNTRUSTED_ROOT, "the chain ends at the root '" + topName + "', which is not a"
                    + " trust anchor in " + anchors.describe(), topIndex, path, sentPath.issues(), chain.size());
        }
        return incomplete(chain, sentPath, anchors, top);
    }

    private static ChainValidation incomplete(List<X509Certificate> chain, SentPath sentPath, TrustAnchors anchors,
            X509Certificate top) {
        String missing = top.getIssuerX500Principal().getName(X500Principal.RFC2253);
        List<String> completedBy = new ArrayList<>();
        X509Certificate current = top;
        X509Certificate anchor = null;
        while (chain.size() + completedBy.size() < MAX_CHAIN_LENGTH) {
            anchor = anchors.issuingAnchorOf(current);
            if (anchor != null) {
                break;
            }
            X509Certificate next = null;
            for (X509Certificate known : anchors.intermediatesWithSubject(current.getIssuerX500Principal())) {
                if (Signatures.verifies(current, known) && !completedBy.contains(SentPath.subject(known))) {
                    next = known;
                    break;
                }
            }
            if (next == null) {
                break;
            }
            completedBy.add(SentPath.subject(next));
            current = next;
        }
        boolean reaches = anchor != null && !completedBy.isEmpty();
        StringBuilder detail = new StringBuilder()
                .append("the server sends ").append(chain.size()).append(chain.size() == 1 ? " certificate" : " certificates")
                .append(" up to '").append(SentPath.subject(top)).append("', issued by '").append(missing)
                .append("', which the server does not send and which is not a trust anchor");
        if (reaches) {
            detail.append("; the CA file's intermediate ").append(quoted(completedBy))
                    .append(" completes it to the trust anchor '").append(SentPath.subject(anchor))
                    .append("', but senders do not have that file");
        } else if (!completedBy.isEmpty()) {
            detail.append("; the CA file's intermediate ").append(quoted(completedBy))
                    .append(" extends it, but it still reaches no trust anchor (next issuer '")
                    .append(current.getIssuerX500Principal().getName(X500Principal.RFC2253))
                    .append("')");
        } else {
            detail.append("; no known intermediate completes it");
        }
        return new ChainValidation(false, ChainReason.INCOMPLETE_CHAIN, detail.toString(), sentPath.order().getLast(),
                sentPath.order(), reaches ? SentPath.subject(anchor) : null, missing, completedBy, reaches,
                sentPath.issues(), chain.size());
    }

    private static ChainValidation failed(ChainReason reason, String detail, int at, List<Integer> path,
            List<ChainIssue> issues, int sent) {
        return new ChainValidation(false, reason, detail, at, path, null, null, List.of(), false, issues, sent);
    }

    private static String role(int index) {
        return index == 0 ? "the leaf" : "certificate " + index;
    }

    private static String quoted(List<String> names) {
        return "'" + String.join("', '", names) + "'";
    }

    private static String oneLine(String message) {
        return message == null ? "" : PemCertificates.printable(message);
    }
}
