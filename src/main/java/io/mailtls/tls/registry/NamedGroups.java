package io.mailtls.tls.registry;

import java.util.List;
import java.util.Optional;

/** The Supported Groups registry, loaded once from {@code named-groups.tsv}. */
public final class NamedGroups {
    public static final int SECP256R1 = 0x0017;
    public static final int SECP384R1 = 0x0018;
    public static final int SECP521R1 = 0x0019;
    public static final int X25519 = 0x001D;
    public static final int X448 = 0x001E;

    private static final Table<NamedGroup> TABLE = new Table<>(
            Tsv.read("/io/mailtls/tls/registry/named-groups.tsv", 5).stream()
                    .map(c -> new NamedGroup(Tsv.code(c[0]), c[1], NamedGroup.Kind.valueOf(c[2]),
                            Integer.parseInt(c[3]), Table.yes(c[4])))
                    .toList(),
            NamedGroup::code, NamedGroup::name);

    private NamedGroups() {
    }

    /** Every group in code order. */
    public static List<NamedGroup> all() {
        return TABLE.all();
    }

    /** The group with this code. */
    public static Optional<NamedGroup> byCode(int code) {
        return TABLE.byCode(code);
    }

    /** The group with this IANA name. */
    public static Optional<NamedGroup> byName(String name) {
        return TABLE.byName(name);
    }

    /** The name of a code, or its hex form for an unknown code. */
    public static String nameOf(int code) {
        return byCode(code).map(NamedGroup::name).orElse(String.format("0x%04x", code));
    }
}
