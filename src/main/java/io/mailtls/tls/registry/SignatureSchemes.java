package io.mailtls.tls.registry;

import java.util.List;
import java.util.Optional;

/** The SignatureScheme registry, loaded once from {@code signature-schemes.tsv}. */
public final class SignatureSchemes {
    private static final Table<SignatureScheme> TABLE = new Table<>(
            Tsv.read("/io/mailtls/tls/registry/signature-schemes.tsv", 3).stream()
                    .map(c -> new SignatureScheme(Tsv.code(c[0]), c[1], Table.yes(c[2])))
                    .toList(),
            SignatureScheme::code, SignatureScheme::name);

    private SignatureSchemes() {
    }

    /** Every scheme in code order. */
    public static List<SignatureScheme> all() {
        return TABLE.all();
    }

    /** The scheme with this code. */
    public static Optional<SignatureScheme> byCode(int code) {
        return TABLE.byCode(code);
    }

    /** The scheme with this IANA name. */
    public static Optional<SignatureScheme> byName(String name) {
        return TABLE.byName(name);
    }

    /** The name of a code, or its hex form for an unknown code. */
    public static String nameOf(int code) {
        return byCode(code).map(SignatureScheme::name).orElse(String.format("0x%04x", code));
    }
}
