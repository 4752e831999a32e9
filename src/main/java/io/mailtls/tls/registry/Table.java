package io.mailtls.tls.registry;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/** An immutable registry table indexed by code and by name; duplicates are a build defect. */
final class Table<T> {
    private final List<T> all;
    private final Map<Integer, T> byCode;
    private final Map<String, T> byName;

    Table(List<T> rows, Function<T, Integer> code, Function<T, String> name) {
        this.all = List.copyOf(rows);
        Map<Integer, T> codes = new LinkedHashMap<>();
        Map<String, T> names = new LinkedHashMap<>();
        for (T row : rows) {
            if (codes.putIfAbsent(code.apply(row), row) != null) {
                throw new IllegalStateException("duplicate code " + code.apply(row));
            }
            if (names.putIfAbsent(name.apply(row), row) != null) {
                throw new IllegalStateException("duplicate name " + name.apply(row));
            }
        }
        this.byCode = Collections.unmodifiableMap(codes);
        this.byName = Collections.unmodifiableMap(names);
    }

    List<T> all() {
        return all;
    }

    Optional<T> byCode(int code) {
        return Optional.ofNullable(byCode.get(code));
    }

    Optional<T> byName(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    static boolean yes(String cell) {
        return switch (cell) {
            case "yes" -> true;
            case "no" -> false;
            default -> throw new IllegalStateException("expected yes or no, found " + cell);
        };
    }
}
