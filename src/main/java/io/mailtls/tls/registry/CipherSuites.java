package io.mailtls.tls.registry;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The cipher suite registry, loaded once from {@code cipher-suites.tsv}. */
public final class CipherSuites {
    private static final String TABLE = "/io/mailtls/tls/registry/cipher-suites.tsv";
    private static final CipherSuites INSTANCE = load();

    private final List<CipherSuite> all;
    private final Map<Integer, CipherSuite> tlsByCode;
    private final Map<Integer, CipherSuite> sslv2ByCode;
    private final Map<String, CipherSuite> byName;

    private CipherSuites(List<CipherSuite> all) {
        this.all = List.copyOf(all);
        Map<Integer, CipherSuite> tls = new LinkedHashMap<>();
        Map<Integer, CipherSuite> v2 = new LinkedHashMap<>();
        Map<String, CipherSuite> names = new HashMap<>();
        for (CipherSuite s : all) {
            var target = s.isSslv2() ? v2 : tls;
            if (target.putIfAbsent(s.code(), s) != null) {
                throw new IllegalStateException("duplicate code point " + s.hex());
            }
            if (names.putIfAbsent(s.ianaName(), s) != null) {
                throw new IllegalStateException("duplicate IANA name " + s.ianaName());
            }
        }
        // OpenSSL names are a second key; SSLv2 and TLS reuse some (DES-CBC3-SHA), so TLS rows win.
        for (CipherSuite s : all) {
            if (!s.opensslName().isEmpty() && !s.isSslv2()) {
                names.putIfAbsent(s.opensslName(), s);
            }
        }
        this.tlsByCode = Collections.unmodifiableMap(tls);
        this.sslv2ByCode = Collections.unmodifiableMap(v2);
        this.byName = Collections.unmodifiableMap(names);
    }

    private static CipherSuites load() {
        List<CipherSuite> rows = new ArrayList<>();
        for (String[] c : Tsv.read(TABLE, 11)) {
            rows.add(new CipherSuite(Tsv.code(c[0]), c[1], "-".equals(c[2]) ? "" : c[2], c[3], c[4], c[5],
                    Integer.parseInt(c[6]), c[7], version(c[8]), version(c[9]), flags(c[10])));
        }
        return new CipherSuites(rows);
    }

    private static ProtocolVersion version(String name) {
        return ProtocolVersion.fromName(name)
                .orElseThrow(() -> new IllegalStateException("unknown protocol in cipher table: " + name));
    }

    private static EnumSet<CipherFlag> flags(String cell) {
        EnumSet<CipherFlag> flags = EnumSet.noneOf(CipherFlag.class);
        if (!"-".equals(cell)) {
            for (String token : cell.split(",")) {
                flags.add(CipherFlag.fromToken(token)
                        .orElseThrow(() -> new IllegalStateException("unknown cipher flag: " + token)));
            }
        }
        return flags;
    }

    /** Every row, TLS suites in code order, then the SSLv2 CIPHER-SPECs. */
    public static List<CipherSuite> all() {
        return INSTANCE.all;
    }

    /** The SSLv3-to-TLS 1.3 suite (or SCSV) with this two-byte code. */
    public static Optional<CipherSuite> byCode(int code) {
        return Optional.ofNullable(INSTANCE.tlsByCode.get(code));
    }

    /** The SSLv2 CIPHER-SPEC with this three-byte code. */
    public static Optional<CipherSuite> sslv2ByCode(int code) {
        return Optional.ofNullable(INSTANCE.sslv2ByCode.get(code));
    }

    /** A suite by IANA name, or by OpenSSL name for SSLv3-to-TLS 1.3 suites. */
    public static Optional<CipherSuite> byName(String name) {
        return Optional.ofNullable(INSTANCE.byName.get(name));
    }

    /** The IANA name of a two-byte code, or its hex form when the registry has no such suite. */
    public static String nameOf(int code) {
        return byCode(code).map(CipherSuite::ianaName).orElse(String.format("0x%02X,0x%02X", code >> 8, code & 0xFF));
    }

    /** The suites defined for this version (no SCSVs), in code order. */
    public static List<CipherSuite> definedFor(ProtocolVersion version) {
        return INSTANCE.all.stream().filter(s -> s.definedFor(version)).toList();
    }

    /** The SSLv2 CIPHER-SPECs. */
    public static List<CipherSuite> sslv2() {
        return List.copyOf(INSTANCE.sslv2ByCode.values());
    }
}
