package io.mailtls.cli;

import io.mailtls.report.Ansi;
import picocli.CommandLine.Option;

/** Output choices shared by the commands that print a report. */
public final class OutputOptions {
    @Option(names = "--json", description = "Print one JSON document (schema mailtls.check/1) on stdout, nothing else.")
    boolean json;

    @Option(names = "--no-color", description = "Plain text (also when NO_COLOR is set or stdout is not a terminal).")
    boolean noColor;

    /** Colours only for a terminal, and never when the user or NO_COLOR says no. */
    Ansi ansi() {
        var console = System.console();
        boolean terminal = console != null && console.isTerminal();
        return new Ansi(terminal && !noColor && System.getenv("NO_COLOR") == null);
    }
}
