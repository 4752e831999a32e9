/**
 * The lab's throwaway PKI: a root and an intermediate CA, the good leaf for {@code mx.lab.test}
 * and the faulty credentials the scenarios serve, made fresh (in well under a second) per lab.
 */
package io.mailtls.lab.pki;
