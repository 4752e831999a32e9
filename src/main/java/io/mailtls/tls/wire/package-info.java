/**
 * TLS bytes only: the ClientHello builder and encoder, the bounded server-flight reader with its sealed
 * {@link io.mailtls.tls.wire.ServerResponse}, and a server-side ClientHello parser. No sockets are opened here.
 */
package io.mailtls.tls.wire;
