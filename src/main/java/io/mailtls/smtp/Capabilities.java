package io.mailtls.smtp;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The service extensions of an EHLO reply (RFC 5321 §4.1.1.1): the first line is the greeting, the rest keywords. */
public record Capabilities(List<String> lines) {

    public Capabilities {
        lines = List.copyOf(lines);
    }

    /** From a 250 EHLO reply. */
    public static Capabilities of(Reply ehlo) {
        List<String> l = ehlo.lines();
        return new Capabilities(l.size() <= 1 ? List.of() : l.subList(1, l.size()));
    }

    /** True when a keyword (case-insensitive) is advertised. */
    public boolean has(String keyword) {
        return find(keyword) != null;
    }

    /** The advertised line for a keyword, or null. */
    public String find(String keyword) {
        String k = keyword.toUpperCase(Locale.ROOT);
        for (String line : lines) {
            String u = line.toUpperCase(Locale.ROOT);
            if (u.equals(k) || u.startsWith(k + " ") || u.startsWith(k + "=")) {
                return line;
            }
        }
        return null;
    }

    /** The SASL mechanisms of the AUTH line (also the old {@code AUTH=} form), upper case. */
    public List<String> authMechanisms() {
        List<String> out = new ArrayList<>();
        for (String line : lines) {
            String u = line.toUpperCase(Locale.ROOT);
            if (u.startsWith("AUTH ") || u.startsWith("AUTH=")) {
                for (String m : u.substring(5).trim().split("\\s+")) {
                    if (!m.isEmpty() && !out.contains(m)) {
                        out.add(m);
                    }
                }
            }
        }
        return out;
    }

    /** The keywords only, upper case, without parameters. */
    public List<String> keywords() {
        return lines.stream().map(l -> l.split("[ =]", 2)[0].toUpperCase(Locale.ROOT)).toList();
    }
}
