package io.mailtls.testsupport;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.SequencedMap;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * One Postfix smtpd listener on 127.0.0.1, described as {@code main.cf} overrides that become {@code -o} options
 * on its {@code master.cf} line. Immutable: every method returns a new listener.
 *
 * <pre>{@code Listener.named("tls12-only").tls(chain).protocols(">=TLSv1.2, <=TLSv1.2")}</pre>
 *
 * @param name      a short lower-case name, also the listener's log tag ({@code postfix/NAME/smtpd})
 * @param overrides Postfix parameter to value, in the order given
 */
public record Listener(String name, SequencedMap<String, String> overrides) {
    private static final Pattern NAME = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");
    private static final Pattern PARAMETER = Pattern.compile("[a-z0-9_]+");
    private static final int MAX_NAME = 40;

    public Listener {
        if (name == null || name.length() > MAX_NAME || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("listener name must be short lower-case words joined by '-': " + name);
        }
        overrides.forEach(Listener::requireSafe);
        overrides = Collections.unmodifiableSequencedMap(new LinkedHashMap<>(overrides));
    }

    /** A plain smtpd listener without TLS; add behaviour with the other methods. */
    public static Listener named(String name) {
        return new Listener(name, new LinkedHashMap<>());
    }

    /** Opportunistic STARTTLS (unless a security level is already set) serving these chain files. */
    public Listener tls(Path... chainFiles) {
        String files = Arrays.stream(chainFiles).map(p -> p.toAbsolutePath().toString())
                .collect(Collectors.joining(", "));
        Listener l = overrides.containsKey("smtpd_tls_security_level") ? this : securityLevel("may");
        return l.set("smtpd_tls_chain_files", files);
    }

    /** {@code none} (no STARTTLS), {@code may} (offered) or {@code encrypt} (required before MAIL FROM). */
    public Listener securityLevel(String level) {
        return set("smtpd_tls_security_level", level);
    }

    /**
     * The protocols in Postfix syntax, e.g. {@code ">=TLSv1.2"} or {@code ">=TLSv1, <=TLSv1"}; set for both the
     * opportunistic and the mandatory (encrypt) case.
     */
    public Listener protocols(String postfixProtocols) {
        return set("smtpd_tls_protocols", postfixProtocols).set("smtpd_tls_mandatory_protocols", postfixProtocols);
    }

    /**
     * An exact OpenSSL cipher list for TLS 1.2 and older, e.g. {@code "ECDHE-RSA-AES128-GCM-SHA256"} or
     * {@code "DEFAULT:@SECLEVEL=0"}. Postfix has no per-listener list, so this overrides the "medium" grade
     * for this listener only and selects that grade. TLS 1.3 suites stay OpenSSL's defaults.
     */
    public Listener ciphers(String openSslCipherList) {
        return set("tls_medium_cipherlist", openSslCipherList)
                .set("smtpd_tls_ciphers", "medium")
                .set("smtpd_tls_mandatory_ciphers", "medium");
    }

    /** The server, not the client, picks the cipher suite (its list order wins). */
    public Listener serverPreference() {
        return set("tls_preempt_cipherlist", "yes");
    }

    /**
     * Delays the 220 greeting: a {@code sleep} client restriction, evaluated at connect time because
     * {@code smtpd_delay_reject = no}. Whole seconds only, as Postfix's {@code sleep} takes.
     */
    public Listener greetingDelay(Duration delay) {
        if (delay.isNegative() || delay.isZero() || delay.toMillisPart() != 0 || delay.toSeconds() > 300) {
            throw new IllegalArgumentException("greeting delay must be 1..300 whole seconds: " + delay);
        }
        return set("smtpd_delay_reject", "no").set("smtpd_client_restrictions", "sleep " + delay.toSeconds());
    }

    /**
     * AUTH PLAIN and LOGIN advertised on the plaintext channel, through Cyrus SASL with no user database: the
     * mechanisms are offered but no password is ever accepted. Needs Debian's libsasl2-modules.
     */
    public Listener authBeforeTls() {
        return set("smtpd_sasl_auth_enable", "yes")
                .set("smtpd_sasl_type", "cyrus")
                .set("smtpd_tls_auth_only", "no")
                .set("smtpd_sasl_mechanism_filter", "plain, login");
    }

    /** Any other {@code main.cf} parameter for this listener only. */
    public Listener set(String parameter, String value) {
        var copy = new LinkedHashMap<>(overrides);
        copy.put(parameter, value);
        return new Listener(name, copy);
    }

    /**
     * The {@code master.cf} entry: private=n, unprivileged default, chroot=n (the private queue has no chroot
     * files), and every override in the {@code -o { name = value }} form, which allows spaces and commas.
     */
    String masterCfEntry(int port) {
        StringBuilder b = new StringBuilder("127.0.0.1:").append(port).append(" inet n - n - - smtpd\n");
        b.append("  -o { syslog_name = postfix/").append(name).append(" }\n");
        overrides.forEach((k, v) -> b.append("  -o { ").append(k).append(" = ").append(v).append(" }\n"));
        return b.toString();
    }

    private static void requireSafe(String parameter, String value) {
        if (!PARAMETER.matcher(parameter).matches()) {
            throw new IllegalArgumentException("not a Postfix parameter name: " + parameter);
        }
        // A newline would start a new master.cf entry and a brace would end the -o group early.
        if (value == null || value.chars().anyMatch(c -> c == '\n' || c == '\r' || c == '{' || c == '}')) {
            throw new IllegalArgumentException("value for " + parameter + " must not contain newlines or braces");
        }
    }
}
