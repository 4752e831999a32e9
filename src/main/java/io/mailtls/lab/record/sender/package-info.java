/**
 * The lab as a receiver for an admin's own outbound server: {@code mailtls lab --record FILE.jsonl}.
 * {@link io.mailtls.lab.record.sender.SessionRecorder} listens to finished sessions, writes one JSON
 * line per session ({@link io.mailtls.lab.record.sender.SessionJson}) and judges each sending client
 * (address and EHLO name, {@link io.mailtls.lab.record.sender.SenderKey}) with the pure function
 * {@link io.mailtls.lab.record.sender.SenderVerdicts#judge(java.util.List)}: opportunistic or
 * required TLS, certificate checks, plaintext fallback, weak offers.
 */
package io.mailtls.lab.record.sender;
