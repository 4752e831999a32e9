package io.mailtls.tls.wire;

import io.mailtls.tls.registry.CipherSuite;
import io.mailtls.tls.registry.CipherSuites;
import java.math.BigInteger;

/** Decodes the parameter part of a ServerKeyExchange, given the suite the server chose. */
final class ServerKeyExchangeParser {
    private ServerKeyExchangeParser() {
    }

    static ServerKeyExchange parse(byte[] body, int cipherSuite) throws DecodeException {
        CipherSuite suite = CipherSuites.byCode(cipherSuite).orElse(null);
        if (suite == null) {
            return new ServerKeyExchange.Other(body.length);
        }
        ByteReader r = new ByteReader(body);
        String kx = suite.keyExchange();
        if (kx.endsWith("_PSK")) {
            r.vector(2, "psk_identity_hint");
        }
        return switch (kx) {
            case "DHE", "DH", "DHE_PSK" -> {
                byte[] p = r.vectorBytes(2, "dh_p");
                byte[] g = r.vectorBytes(2, "dh_g");
                r.vector(2, "dh_Ys");
                BigInteger prime = new BigInteger(1, p);
                BigInteger generator = new BigInteger(1, g);
                yield new ServerKeyExchange.Dhe(prime.bitLength(),
                        generator.bitLength() < 31 ? generator.intValue() : -1);
            }
            case "ECDHE", "ECDH", "ECDHE_PSK" -> {
                int curveType = r.u8("curve_type");
                if (curveType == 3) {
                    int group = r.u16("namedcurve");
                    r.vector(1, "ec point");
                    yield new ServerKeyExchange.Ecdhe(curveType, group);
                }
                yield new ServerKeyExchange.Ecdhe(curveType, -1);
            }
            case "RSA" -> {
                byte[] modulus = r.vectorBytes(2, "rsa_modulus");
                r.vector(2, "rsa_exponent");
                yield new ServerKeyExchange.RsaExport(new BigInteger(1, modulus).bitLength());
            }
            default -> new ServerKeyExchange.Other(body.length);
        };
    }
}
