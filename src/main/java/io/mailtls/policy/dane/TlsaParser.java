package io.mailtls.policy.dane;

import io.mailtls.dns.TlsaRdata;
import io.mailtls.policy.dane.TlsaRecord.MatchingType;
import io.mailtls.policy.dane.TlsaRecord.Selector;
import io.mailtls.policy.dane.TlsaRecord.Status;
import io.mailtls.policy.dane.TlsaRecord.Usage;
import java.io.ByteArrayInputStream;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.util.HexFormat;
import java.util.List;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;

/** Judges TLSA records: known field values, data length per matching type, parsable full data. */
public final class TlsaParser {
    private TlsaParser() {
    }

    /** Judges every record. */
    public static List<TlsaRecord> parse(List<TlsaRdata> records) {
        return records.stream().map(TlsaParser::parse).toList();
    }

    /** Judges one record; never throws. */
    public static TlsaRecord parse(TlsaRdata raw) {
        Usage usage = find(Usage.values(), raw.usage());
        Selector selector = find(Selector.values(), raw.selector());
        MatchingType type = find(MatchingType.values(), raw.matchingType());
        String problem = null;
        if (usage == null) {
            problem = "certificate usage " + raw.usage() + " is not defined (0-3)";
        } else if (selector == null) {
            problem = "selector " + raw.selector() + " is not defined (0 certificate, 1 public key)";
        } else if (type == null) {
            problem = "matching type " + raw.matchingType() + " is not defined (0 full, 1 SHA-256, 2 SHA-512)";
        } else {
            problem = checkData(raw.data(), selector, type);
        }
        if (problem != null) {
            return new TlsaRecord(raw, usage, selector, type, Status.MALFORMED, problem);
        }
        if (usage == Usage.PKIX_TA || usage == Usage.PKIX_EE) {
            return new TlsaRecord(raw, usage, selector, type, Status.UNUSABLE,
                    "usage " + usage.value + " (" + usage + ") is unusable for SMTP: RFC 7672 §3.1.3 tells senders to "
                            + "ignore it, since MX hosts have no PKIX trust roots to rely on");
        }
        return new TlsaRecord(raw, usage, selector, type, Status.USABLE, null);
    }

    /** Parses presentation format, {@code "3 1 1 ab12..."}; for tests and the lab. */
    public static TlsaRecord parse(String presentation) {
        String[] f = presentation.strip().split("\\s+", 4);
        if (f.length != 4) {
            throw new IllegalArgumentException("TLSA needs usage, selector, matching type and data: " + presentation);
        }
        byte[] data = "-".equals(f[3]) ? new byte[0] : HexFormat.of().parseHex(f[3].replaceAll("\\s", ""));
        return parse(TlsaRdata.of(Integer.parseInt(f[0]), Integer.parseInt(f[1]), Integer.parseInt(f[2]), data));
    }

    private static String checkData(byte[] data, Selector selector, MatchingType type) {
        if (data.length == 0) {
            return "the association data is empty";
        }
        if (type != MatchingType.FULL) {
            return data.length == type.length ? null
                    : type + " data must be " + type.length + " bytes, found " + data.length;
        }
        try {
            if (selector == Selector.CERT) {
                CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(data));
            } else {
                SubjectPublicKeyInfo.getInstance(data);
            }
            return null;
        } catch (CertificateException | RuntimeException e) {
            return "full " + (selector == Selector.CERT ? "certificate" : "public key")
                    + " data does not parse as DER: " + e.getMessage();
        }
    }

    private static <E extends Enum<E>> E find(E[] values, int wire) {
        for (E e : values) {
            int v = switch (e) {
                case Usage u -> u.value;
                case Selector s -> s.value;
                case MatchingType m -> m.value;
                default -> -1;
            };
            if (v == wire) {
                return e;
            }
        }
        return null;
    }
}
