package io.mailtls.smtp;

/**
 * What the SMTP-level deep probes found; a null field means that probe could not run to a conclusion.
 *
 * @param injectionVulnerable true when the server answered, inside TLS, a command we sent in plaintext
 *                            together with STARTTLS (CVE-2011-0411 class)
 * @param injectionEvidence   the replies that show it, or why the probe could not tell
 * @param requiresTls         true when the server refuses MAIL FROM before STARTTLS (RFC 3207 §4)
 * @param requireEvidence     the reply to the plaintext MAIL FROM, or why the probe could not tell
 * @param connections         connections the probes used
 */
public record SmtpProbeFacts(Boolean injectionVulnerable, String injectionEvidence, Boolean requiresTls,
                             String requireEvidence, int connections) {
}
