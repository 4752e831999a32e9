package io.mailtls.net;

import java.util.Locale;
import java.util.regex.Pattern;

/** Parses the target forms of the contract: name, host:port, ipv4:port, [ipv6]:port, smtps://, submission://. */
public final class TargetParser {
    private static final Pattern IPV4 = Pattern.compile("(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*(%[\\w.-]+)?");
    // RFC 1123 labels; an underscore is tolerated because admins paste such names and DNS carries them.
    private static final Pattern HOSTNAME = Pattern.compile(
            "(?=.{1,253}\\.?$)([A-Za-z0-9_]([A-Za-z0-9_-]{0,61}[A-Za-z0-9_])?)(\\.[A-Za-z0-9_]([A-Za-z0-9_-]{0,61}[A-Za-z0-9_])?)*\\.?");

    private TargetParser() {
    }

    /** Parses one target; throws {@link BadTargetException} with a one-line reason. */
    public static Target parse(String text) {
        if (text == null || text.isBlank()) {
            throw new BadTargetException("empty target");
        }
        String s = text.strip();
        Mode mode = Mode.STARTTLS;
        int defaultPort = 25;
        boolean scheme = false;
        int sep = s.indexOf("://");
        if (sep >= 0) {
            String name = s.substring(0, sep).toLowerCase(Locale.ROOT);
            switch (name) {
                case "smtp" -> { }
                case "smtps" -> { mode = Mode.IMPLICIT_TLS; defaultPort = 465; }
                case "submission" -> defaultPort = 587;
                case "submissions" -> { mode = Mode.IMPLICIT_TLS; defaultPort = 465; }
                default -> throw new BadTargetException("unknown scheme '" + name + "://' in target '" + text
                        + "' (use smtp://, smtps:// or submission://)");
            }
            s = s.substring(sep + 3);
            scheme = true;
            if (s.endsWith("/")) {
                s = s.substring(0, s.length() - 1);
            }
        }
        String host;
        Integer port = null;
        if (s.startsWith("[")) {
            int close = s.indexOf(']');
            if (close < 0) {
                throw new BadTargetException("missing ']' in target '" + text + "'");
            }
            host = s.substring(1, close);
            String rest = s.substring(close + 1);
            if (!rest.isEmpty()) {
                if (!rest.startsWith(":")) {
                    throw new BadTargetException("unexpected text after ']' in target '" + text + "'");
                }
                port = parsePort(rest.substring(1), text);
            }
            if (!IPV6.matcher(host).matches()) {
                throw new BadTargetException("'" + host + "' is not an IPv6 address");
            }
        } else {
            int colon = s.indexOf(':');
            if (colon >= 0 && s.indexOf(':', colon + 1) >= 0) {
                host = s; // a bare IPv6 literal: no port possible without brackets
                if (!IPV6.matcher(host).matches()) {
                    throw new BadTargetException("'" + host + "' is neither a host name nor an IPv6 address");
                }
            } else if (colon >= 0) {
                host = s.substring(0, colon);
                port = parsePort(s.substring(colon + 1), text);
            } else {
                host = s;
            }
            if (host.isEmpty()) {
                throw new BadTargetException("missing host in target '" + text + "'");
            }
            if (!isIpLiteral(host) && !HOSTNAME.matcher(host).matches()) {
                throw new BadTargetException("'" + host + "' is not a valid host name");
            }
        }
        if (host.endsWith(".") && host.length() > 1) {
            host = host.substring(0, host.length() - 1);
        }
        boolean endpointOnly = scheme || port != null || isIpLiteral(host);
        return new Target(text.strip(), host.toLowerCase(Locale.ROOT), port == null ? defaultPort : port, mode, endpointOnly);
    }

    private static int parsePort(String p, String text) {
        if (!p.matches("\\d{1,5}")) {
            throw new BadTargetException("bad port '" + p + "' in target '" + text + "' (expected 1-65535)");
        }
        int port = Integer.parseInt(p);
        if (port < 1 || port > 65535) {
            throw new BadTargetException("bad port " + port + " in target '" + text + "' (expected 1-65535)");
        }
        return port;
    }

    /** True for an IPv4 dotted quad or an IPv6 literal (without brackets). */
    public static boolean isIpLiteral(String host) {
        return IPV4.matcher(host).matches() || (host.contains(":") && IPV6.matcher(host).matches());
    }
}
