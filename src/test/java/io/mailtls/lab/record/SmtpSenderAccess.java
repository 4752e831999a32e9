package io.mailtls.lab.record;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.List;

/** One whole delivery with {@link SmtpSender}, for tests in other packages. */
public final class SmtpSenderAccess {

    private SmtpSenderAccess() {
    }

    /**
     * Delivers one message to {@code address}: EHLO {@code helo}, STARTTLS when {@code tls} (trusting
     * {@code caFile}), MAIL, RCPT, DATA, QUIT; throws when any reply is not the expected one.
     */
    public static void deliver(InetSocketAddress address, Path caFile, String helo, boolean tls) throws Exception {
        try (var client = SmtpSender.connect(address)) {
            expect(220, client.reply());
            expect(250, client.command("EHLO " + helo));
            if (tls) {
                expect(220, client.command("STARTTLS"));
                client.startTls(SmtpSender.trusting(caFile), "mx.lab.test", List.of("TLS_AES_128_GCM_SHA256"));
                expect(250, client.command("EHLO " + helo));
            }
            expect(250, client.command("MAIL FROM:<test@" + helo + ">"));
            expect(250, client.command("RCPT TO:<postmaster@lab.test>"));
            expect(354, client.command("DATA"));
            expect(250, client.message("Subject: recorder test\r\n\r\nhello"));
            expect(221, client.command("QUIT"));
        }
    }

    private static void expect(int wanted, int got) {
        if (wanted != got) {
            throw new AssertionError("expected reply " + wanted + ", got " + got);
        }
    }
}
