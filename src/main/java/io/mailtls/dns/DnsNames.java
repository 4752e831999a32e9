package io.mailtls.dns;

import java.net.IDN;
import java.util.Locale;
import org.xbill.DNS.Name;
import org.xbill.DNS.TextParseException;

/** Conversions between user-facing host names and dnsjava names. */
public final class DnsNames {
    private DnsNames() {
    }

    /**
     * An absolute dnsjava name for {@code text} (IDNs converted to A-labels, a final dot optional).
     *
     * @throws IllegalArgumentException with a one-line reason when {@code text} is not a valid DNS name
     */
    public static Name toName(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("empty name");
        }
        String s = text.strip();
        if (s.endsWith(".") && s.length() > 1) {
            s = s.substring(0, s.length() - 1);
        }
        try {
            String ascii = ".".equals(s) ? s : IDN.toASCII(s, IDN.ALLOW_UNASSIGNED);
            return Name.fromString(ascii.toLowerCase(Locale.ROOT), Name.root);
        } catch (TextParseException | IllegalArgumentException e) {
            throw new IllegalArgumentException("'" + text + "' is not a valid DNS name: " + e.getMessage());
        }
    }

    /** The name in lower case without the final dot; the root is {@code "."}. */
    public static String display(Name name) {
        return name.equals(Name.root) ? "." : name.toString(true).toLowerCase(Locale.ROOT);
    }

    /** Best-effort display of user input that may not be a valid name. */
    public static String display(String text) {
        if (text == null) {
            return "";
        }
        String s = text.strip().toLowerCase(Locale.ROOT);
        return s.endsWith(".") && s.length() > 1 ? s.substring(0, s.length() - 1) : s;
    }
}
