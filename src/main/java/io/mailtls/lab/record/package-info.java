/**
 * What a lab session records about its client, beyond the command verbs: the EHLO name, whether it
 * asked for STARTTLS, its ClientHello as offered (read from the socket with
 * {@link io.mailtls.lab.record.ClientHelloPeek} before the JDK's handshake, then replayed into it
 * unchanged), how a failed handshake ended and the mail it sent (never the content).
 *
 * <p>The session fills a {@link io.mailtls.lab.record.ConductLog}; the finished
 * {@link io.mailtls.lab.SessionRecord} carries the resulting {@link io.mailtls.lab.record.ClientConduct}.
 * Judging senders and writing records is {@link io.mailtls.lab.record.sender}'s job.
 */
package io.mailtls.lab.record;
