/**
 * Raw probes, one connection per attempt: a {@link io.mailtls.tls.probe.Preamble} brings each connection to
 * the ClientHello, {@link io.mailtls.tls.probe.TlsProber} enumerates versions, suites, order and groups into
 * a {@link io.mailtls.tls.probe.TlsProfile}.
 */
package io.mailtls.tls.probe;
