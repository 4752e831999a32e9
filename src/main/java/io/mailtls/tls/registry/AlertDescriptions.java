package io.mailtls.tls.registry;

import java.util.List;
import java.util.Optional;

/** The AlertDescription registry, loaded once from {@code alert-descriptions.tsv}. */
public final class AlertDescriptions {
    private static final Table<AlertDescription> TABLE = new Table<>(
            Tsv.read("/io/mailtls/tls/registry/alert-descriptions.tsv", 2).stream()
                    .map(c -> new AlertDescription(Tsv.code(c[0]), c[1]))
                    .toList(),
            AlertDescription::code, AlertDescription::name);

    private AlertDescriptions() {
    }

    /** Every description in code order. */
    public static List<AlertDescription> all() {
        return TABLE.all();
    }

    /** The description with this code. */
    public static Optional<AlertDescription> byCode(int code) {
        return TABLE.byCode(code);
    }

    /** The description with this name. */
    public static Optional<AlertDescription> byName(String name) {
        return TABLE.byName(name);
    }

    /** The name of a code, or {@code unknown(N)} for a code the registry lacks. */
    public static String nameOf(int code) {
        return byCode(code).map(AlertDescription::name).orElse("unknown(" + code + ")");
    }
}
