package io.mailtls.report;

import io.mailtls.check.Severity;
import io.mailtls.facts.Outcome;

/** Terminal colours, or none: the text report asks this for every piece of emphasis. */
public record Ansi(boolean on) {
    public String bold(String s) {
        return wrap("1", s);
    }

    public String dim(String s) {
        return wrap("2", s);
    }

    public String color(Severity sev, String s) {
        return switch (sev) {
            case CRITICAL -> wrap("1;31", s);
            case HIGH -> wrap("31", s);
            case MEDIUM -> wrap("33", s);
            case LOW -> wrap("36", s);
            case INFO -> wrap("34", s);
            case OK -> wrap("32", s);
        };
    }

    public String color(Outcome o, String s) {
        return switch (o) {
            case TLS_OK -> wrap("1;32", s);
            case TLS_WEAK -> wrap("1;33", s);
            case NO_TLS -> wrap("1;31", s);
            case INCONCLUSIVE -> wrap("1;35", s);
        };
    }

    public String server(String s) {
        return wrap("36", s);
    }

    public String client(String s) {
        return wrap("33", s);
    }

    public String tls(String s) {
        return wrap("35", s);
    }

    private String wrap(String code, String s) {
        return on ? "\u001b[" + code + "m" + s + "\u001b[0m" : s;
    }
}
