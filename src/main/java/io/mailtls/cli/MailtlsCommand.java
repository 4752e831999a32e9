package io.mailtls.cli;

import io.mailtls.tls.jsse.LegacyTls;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The top-level {@code mailtls} command: its subcommands and the one exit-code and error policy. */
@Command(name = "mailtls", mixinStandardHelpOptions = true, version = "mailtls 0.1.0",
        description = "Tests and debugs TLS between mail servers.",
        subcommands = {CheckCommand.class, LabCommand.class, DemoCommand.class, ServeCommand.class, ScanCommand.class})
public final class MailtlsCommand implements Runnable {
    /** Exit status for a usage error (sysexits EX_USAGE). */
    public static final int USAGE = 64;
    /** Exit status for a bug in mailtls itself (sysexits EX_SOFTWARE). */
    public static final int SOFTWARE = 70;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** Runs the command line with the process's stdout and stderr and returns the exit status. */
    public static int run(String... args) {
        return run(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args);
    }

    /** Runs the command line with the given writers (tests capture them) and returns the exit status. */
    public static int run(PrintWriter out, PrintWriter err, String... args) {
        LegacyTls.enable();
        CommandLine cl = new CommandLine(new MailtlsCommand());
        cl.setOut(out);
        cl.setErr(err);
        cl.setParameterExceptionHandler((ex, a) -> {
            ex.getCommandLine().getErr().println("mailtls: " + oneLine(ex.getMessage()));
            ex.getCommandLine().getErr().flush();
            return USAGE;
        });
        cl.setExecutionExceptionHandler((ex, c, parsed) -> {
            Throwable root = ex;
            while (root.getCause() != null && root.getCause() != root) {
                root = root.getCause();
            }
            boolean user = UserErrors.isUserError(ex);
            c.getErr().println("mailtls: " + (user ? "" : "internal error: ") + oneLine(String.valueOf(
                    user ? ex.getMessage() : root.getClass().getSimpleName() + ": " + root.getMessage())));
            c.getErr().flush();
            return user ? USAGE : SOFTWARE;
        });
        return cl.execute(args);
    }

    static String oneLine(String s) {
        return s == null ? "" : s.replaceAll("[\\r\\n]+", " ").strip();
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
