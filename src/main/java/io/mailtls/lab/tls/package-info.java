/**
 * The lab's server-side TLS: per-endpoint contexts that always present their one credential,
 * explicit protocol and suite profiles, and the one place that relaxes the JDK's legacy refusals.
 */
package io.mailtls.lab.tls;
