/** IANA TLS registries as data: cipher suites (with SSLv2 specs), groups, signature schemes, alerts, versions. */
package io.mailtls.tls.registry;
