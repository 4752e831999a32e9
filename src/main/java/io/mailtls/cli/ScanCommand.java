package io.mailtls.cli;

import io.mailtls.audit.CheckOptions;
import io.mailtls.cert.TrustAnchors;
import io.mailtls.scan.BadOutputFileException;
import io.mailtls.scan.BulkScan;
import io.mailtls.scan.ScanListener;
import io.mailtls.scan.ScanOutput;
import io.mailtls.scan.ScanSettings;
import io.mailtls.scan.ScanSource;
import io.mailtls.scan.ScanTotals;
import io.mailtls.scan.SummaryTable;
import io.mailtls.scan.TerminalProgress;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code mailtls scan FILE}: checks a list of targets and writes one JSON line per target, as results arrive. */
@Command(name = "scan", mixinStandardHelpOptions = true,
        description = {"Check a list of targets (one domain or host a line; blank lines and # comments skipped, "
                + "duplicates merged) and write one mailtls.check/1 JSON line per target as results arrive.",
            "Without --out the JSON lines go to standard output and the summary table to standard error."},
        footer = {"", "Exit status: 0 the scan completed (the outcomes are in the output, not in the status), "
                + "64 usage error, 74 the input could not be read or the output written midway."})
public final class ScanCommand implements Callable<Integer> {
    /** The scan could not read its input or write its output midway (sysexits EX_IOERR). */
    static final int IO_ERROR = 74;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(paramLabel = "FILE", description = "Targets, one a line; '-' reads standard input.")
    String file;

    @Option(names = "--out", paramLabel = "FILE", description = "Write the JSON lines here (default: standard output).")
    Path out;

    @Option(names = "--csv", paramLabel = "FILE",
            description = "Also write one CSV row per target: target, outcome, worst severity, finding ids, "
                    + "endpoints, ms.")
    Path csv;

    @Option(names = "--concurrency", paramLabel = "N", defaultValue = "500",
            description = "Targets checked at once (default: ${DEFAULT-VALUE}).")
    int concurrency;

    @Option(names = "--per-address", paramLabel = "N", defaultValue = "2",
            description = "Conversations at once with one IP address, across all targets (default: ${DEFAULT-VALUE}).")
    int perAddress;

    @Option(names = "--resume", description = "Keep the results already in --out (a torn last line is cut) and "
            + "check only the targets not there yet.")
    boolean resume;

    @Option(names = "--transcript", description = "Include each endpoint's SMTP/TLS transcript in the JSON lines.")
    boolean transcript;

    @Option(names = "--retries", paramLabel = "N", defaultValue = "2",
            description = "Retries of an endpoint that answers 421 or drops the connection before TLS "
                    + "(default: ${DEFAULT-VALUE}).")
    int retries;

    @Option(names = "--retry-delay", paramLabel = "SECONDS", defaultValue = "5",
            description = "Pause before the first retry, doubled for each further one (default: ${DEFAULT-VALUE}).")
    double retryDelay;

    @Option(names = "--target-timeout", paramLabel = "SECONDS",
            description = "Limit for one whole target (default: room for every retry of every endpoint).")
    Double targetTimeout;

    @Option(names = "--no-progress", description = "No progress bar, even on a terminal.")
    boolean noProgress;

    @Mixin
    CheckingOptions checking;

    @Override
    public Integer call() throws IOException {
        widenCommonPool();
        CheckOptions options = checking.toOptions();
        ScanSettings settings = settings(options);
        ScanSource source = source();
        checkPaths();
        PrintWriter stdout = spec.commandLine().getOut();
        PrintWriter stderr = spec.commandLine().getErr();
        TrustAnchors.warmUp();
        ScanTotals totals;
        try (ScanOutput output = open(stdout); BulkScan scan = new BulkScan(options, settings)) {
            totals = scan.run(source, output, listener());
        } catch (BulkScan.ScanIoException e) {
            stderr.println("mailtls: " + MailtlsCommand.oneLine(e.getMessage()));
            stderr.flush();
            return IO_ERROR;
        }
        PrintWriter summary = out == null ? stderr : stdout;
        summary.print(SummaryTable.render(totals));
        summary.flush();
        return 0;
    }

    /**
     * dnsjava validates DNSSEC answers on the common fork-join pool, which has one worker fewer than the machine has
     * cores: one on two cores. In a scan validation is most of the work, so it gets every core. This takes effect
     * only before the pool first starts (a scan starts it later), and an explicit setting wins.
     */
    static void widenCommonPool() {
        String key = "java.util.concurrent.ForkJoinPool.common.parallelism";
        if (System.getProperty(key) == null) {
            System.setProperty(key, String.valueOf(Math.max(2, Runtime.getRuntime().availableProcessors())));
        }
    }

    private ScanSettings settings(CheckOptions options) {
        if (concurrency < 1 || concurrency > ScanSettings.MAX_CONCURRENCY) {
            throw usage("--concurrency must be 1 to " + ScanSettings.MAX_CONCURRENCY + ", got " + concurrency);
        }
        if (perAddress < 1 || perAddress > 64) {
            throw usage("--per-address must be 1 to 64, got " + perAddress);
        }
        if (retries < 0 || retries > 5) {
            throw usage("--retries must be 0 to 5, got " + retries);
        }
        if (!(retryDelay >= 0) || retryDelay > 600) {
            throw usage("--retry-delay must be 0 to 600 seconds, got " + retryDelay);
        }
        if (targetTimeout != null && (!(targetTimeout > 0) || targetTimeout > 86_400)) {
            throw usage("--target-timeout must be between 0 and 86400 seconds, got " + targetTimeout);
        }
        if (resume && out == null) {
            throw usage("--resume needs --out FILE (the results to resume from)");
        }
        Duration delay = Duration.ofMillis((long) (retryDelay * 1000));
        Duration deadline = targetTimeout != null ? Duration.ofMillis((long) (targetTimeout * 1000))
                : ScanSettings.defaultDeadline(options.deadline(), retries, delay);
        return ScanSettings.defaults(concurrency, options.deadline()).withPerAddress(perAddress)
                .withRetries(retries, delay).withTargetDeadline(deadline).withTranscript(transcript)
                .withHostOnly(checking.host);
    }

    private ScanSource source() {
        if ("-".equals(file)) {
            return ScanSource.stream(System.in);
        }
        Path p = Path.of(file);
        if (!Files.isReadable(p) || Files.isDirectory(p)) {
            throw usage(file + ": no such readable file");
        }
        return ScanSource.file(p);
    }

    private void checkPaths() {
        for (Path p : new Path[] {out, csv}) {
            if (p == null) {
                continue;
            }
            if (Files.isDirectory(p)) {
                throw usage(p + " is a directory");
            }
            if (!"-".equals(file) && same(p, Path.of(file))) {
                throw usage(p + " is the input file");
            }
        }
        if (out != null && csv != null && same(out, csv)) {
            throw usage("--out and --csv name the same file");
        }
    }

    private static boolean same(Path a, Path b) {
        try {
            return Files.exists(a) && Files.exists(b) ? Files.isSameFile(a, b)
                    : a.toAbsolutePath().normalize().equals(b.toAbsolutePath().normalize());
        } catch (IOException e) {
            return false;
        }
    }

    private ScanOutput open(PrintWriter stdout) {
        try {
            return out == null ? ScanOutput.stream(stdout, csv) : ScanOutput.files(out, csv, resume);
        } catch (BadOutputFileException e) {
            throw usage(e.getMessage());
        } catch (IOException e) {
            throw usage("cannot write the results: " + e.getMessage());
        }
    }

    private ScanListener listener() {
        var console = System.console();
        boolean terminal = console != null && console.isTerminal();
        return terminal && !noProgress ? new TerminalProgress(System.err, TerminalProgress.columns())
                : ScanListener.NONE;
    }

    private ParameterException usage(String message) {
        return new ParameterException(spec.commandLine(), message);
    }
}
