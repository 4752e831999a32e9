/**
 * Certificate analysis: chain validation with precise reasons, RFC 6125 name matching, the
 * MTA-STS {@code mx:} pattern rule, and the certificate facts the checks judge.
 *
 * <p>A leaf package: it knows nothing of checks, orchestration or reports, and it never touches
 * the network.
 */
package io.mailtls.cert;
