/**
 * mailtls's fault lab: real SMTP servers on loopback that fail on purpose, each named by a
 * {@link io.mailtls.lab.Scenario} and described as data by a {@link io.mailtls.lab.Plan}
 * (what each phase of the session does), with a throwaway PKI from {@link io.mailtls.lab.pki}.
 *
 * <p>The lab is an independent opponent for mailtls's checker: it depends on nothing but the JDK,
 * Bouncy Castle and SLF4J (a test enforces this), so a bug shared by client and server cannot
 * hide. The one exception observes only: {@link io.mailtls.lab.record} reads clients' ClientHellos
 * with the raw TLS parser and names them with the IANA registry, and hands the bytes to the JDK
 * unchanged (its recorder also writes JSON with Jackson). Start it with {@link io.mailtls.lab.Lab#start(io.mailtls.lab.LabConfig)}; serving the
 * legacy scenarios needs {@link io.mailtls.lab.tls.LegacyTls#enable()} before the process's first
 * TLS context, which {@code Lab.start} does when it comes first.
 */
package io.mailtls.lab;
