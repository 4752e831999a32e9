package io.mailtls.cli;

/** Entry point of the mailtls command line. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        System.exit(MailtlsCommand.run(args));
    }
}
