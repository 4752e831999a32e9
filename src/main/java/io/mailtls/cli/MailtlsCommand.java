package io.mailtls.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The top-level {@code mailtls} command: its subcommands and the one exit-code policy. */
@Command(name = "mailtls", mixinStandardHelpOptions = true, version = "mailtls 0.1.0",
        description = "Tests and debugs TLS between mail servers.")
public final class MailtlsCommand implements Runnable {

    /** Runs the command line and returns the process exit status. */
    public static int run(String... args) {
        return new CommandLine(new MailtlsCommand()).execute(args);
    }

    @Override
    public void run() {
        new CommandLine(this).usage(System.out);
    }
}
