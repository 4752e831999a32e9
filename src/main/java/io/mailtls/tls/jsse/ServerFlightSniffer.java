package io.mailtls.tls.jsse;

import java.util.Map;

/**
 * Reads the plaintext part of a server's TLS flight, as copied by {@link TeeSocket}, for the facts the JDK keeps
 * to itself: whether the bytes were TLS at all, a plaintext alert, and the key-exchange group.
 */
final class ServerFlightSniffer {
    static final Map<Integer, String> GROUPS = Map.ofEntries(
            Map.entry(0x0017, "secp256r1"), Map.entry(0x0018, "secp384r1"), Map.entry(0x0019, "secp521r1"),
            Map.entry(0x001d, "x25519"), Map.entry(0x001e, "x448"), Map.entry(0x0100, "ffdhe2048"),
            Map.entry(0x0101, "ffdhe3072"), Map.entry(0x0102, "ffdhe4096"), Map.entry(0x0103, "ffdhe6144"),
            Map.entry(0x0104, "ffdhe8192"), Map.entry(0x11eb, "SecP256r1MLKEM768"),
            Map.entry(0x11ec, "X25519MLKEM768"), Map.entry(0x11ed, "SecP384r1MLKEM1024"));
    static final Map<Integer, String> ALERTS = Map.ofEntries(
            Map.entry(0, "close_notify"), Map.entry(10, "unexpected_message"), Map.entry(20, "bad_record_mac"),
            Map.entry(22, "record_overflow"), Map.entry(40, "handshake_failure"), Map.entry(42, "bad_certificate"),
            Map.entry(43, "unsupported_certificate"), Map.entry(44, "certificate_revoked"),
            Map.entry(45, "certificate_expired"), Map.entry(46, "certificate_unknown"),
            Map.entry(47, "illegal_parameter"), Map.entry(48, "unknown_ca"), Map.entry(49, "access_denied"),
            Map.entry(50, "decode_error"), Map.entry(51, "decrypt_error"), Map.entry(70, "protocol_version"),
            Map.entry(71, "insufficient_security"), Map.entry(80, "internal_error"),
            Map.entry(86, "inappropriate_fallback"), Map.entry(90, "user_canceled"),
            Map.entry(109, "missing_extension"), Map.entry(110, "unsupported_extension"),
            Map.entry(112, "unrecognized_name"), Map.entry(116, "certificate_required"),
            Map.entry(120, "no_application_protocol"));

    /** What the sniffer found; fields are null when not seen. */
    record Flight(boolean tls, String firstBytes, String alert, String group, Integer dhBits) {
    }

    private ServerFlightSniffer() {
    }

    static Flight sniff(byte[] b, boolean ecdhe, boolean dhe) {
        if (b.length == 0) {
            return new Flight(true, "", null, null, null);
        }
        int t = b[0] & 0xff;
        if (t < 20 || t > 24 || b.length < 2 || (b[1] & 0xff) != 3) {
            return new Flight(false, firstBytes(b), null, null, null);
        }
        String alert = null;
        String group = null;
        Integer dhBits = null;
        byte[] hs = new byte[Math.min(b.length, 1 << 16)];
        int hsLen = 0;
        int p = 0;
        while (p + 5 <= b.length) {
            int type = b[p] & 0xff;
            int len = ((b[p + 3] & 0xff) << 8) | (b[p + 4] & 0xff);
            int body = p + 5;
            if (body + len > b.length) {
                len = b.length - body; // a truncated copy: use what we have
            }
            if (type == 21 && len >= 2 && alert == null) {
                alert = ALERTS.getOrDefault(b[body + 1] & 0xff, "alert " + (b[body + 1] & 0xff));
            } else if (type == 22) {
                int n = Math.min(len, hs.length - hsLen);
                System.arraycopy(b, body, hs, hsLen, n);
                hsLen += n;
            } else if (type == 20 || type == 23) {
                break; // the rest is encrypted
            }
            p = body + len;
        }
        int q = 0;
        while (q + 4 <= hsLen) {
            int mt = hs[q] & 0xff;
            int ml = ((hs[q + 1] & 0xff) << 16) | ((hs[q + 2] & 0xff) << 8) | (hs[q + 3] & 0xff);
            int mb = q + 4;
            if (mb + ml > hsLen) {
                break;
            }
            if (mt == 2) {
                String g = serverHelloKeyShare(hs, mb, ml);
                if (g != null) {
                    group = g;
                }
            } else if (mt == 12 && ecdhe && ml >= 3 && (hs[mb] & 0xff) == 3) {
                int id = ((hs[mb + 1] & 0xff) << 8) | (hs[mb + 2] & 0xff);
                group = GROUPS.getOrDefault(id, String.format("0x%04x", id));
            } else if (mt == 12 && dhe && ml >= 2) {
                int plen = ((hs[mb] & 0xff) << 8) | (hs[mb + 1] & 0xff);
                int first = 0;
                while (first < plen && mb + 2 + first < hsLen && hs[mb + 2 + first] == 0) {
                    first++;
                }
                dhBits = (plen - first) * 8;
                group = "DH " + dhBits;
            }
            q = mb + ml;
        }
        return new Flight(true, firstBytes(b), alert, group, dhBits);
    }

    private static String serverHelloKeyShare(byte[] h, int at, int len) {
        int end = at + len;
        int p = at + 2 + 32; // version, random
        if (p >= end) {
            return null;
        }
        p += 1 + (h[p] & 0xff); // session id
        p += 2 + 1; // cipher suite, compression
        if (p + 2 > end) {
            return null;
        }
        int extEnd = Math.min(end, p + 2 + (((h[p] & 0xff) << 8) | (h[p + 1] & 0xff)));
        p += 2;
        while (p + 4 <= extEnd) {
            int type = ((h[p] & 0xff) << 8) | (h[p + 1] & 0xff);
            int el = ((h[p + 2] & 0xff) << 8) | (h[p + 3] & 0xff);
            if (type == 0x0033 && el >= 2) {
                int id = ((h[p + 4] & 0xff) << 8) | (h[p + 5] & 0xff);
                return GROUPS.getOrDefault(id, String.format("0x%04x", id));
            }
            p += 4 + el;
        }
        return null;
    }

    private static String firstBytes(byte[] b) {
        int n = Math.min(b.length, 32);
        StringBuilder hex = new StringBuilder();
        for (int i = 0; i < n; i++) {
            hex.append(String.format("%02x", b[i] & 0xff));
        }
        return hex + " (\"" + io.mailtls.net.Printable.ofBytes(b, n, 32) + "\")";
    }
}
