package io.mailtls.dns;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.xbill.DNS.Master;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.Type;

/**
 * DNSSEC trust anchors: DS or DNSKEY records in zone-file syntax, checked when loaded.
 *
 * @param zoneText the anchors as zone-file text, ready for the validator
 * @param anchors  one line per anchor, e.g. {@code ". DS 20326 8 2 E06D..."}, for reports
 */
public record TrustAnchors(String zoneText, List<String> anchors) {
    /** Anchor files larger than this are refused. */
    public static final int MAX_FILE_BYTES = 256 * 1024;
    private static final String ROOT_RESOURCE = "root-anchors.txt";

    public TrustAnchors {
        anchors = List.copyOf(anchors);
    }

    /** The root zone's KSK-2017 and KSK-2024 anchors, as published by IANA. */
    public static TrustAnchors root() {
        try (InputStream in = TrustAnchors.class.getResourceAsStream(ROOT_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("resource " + ROOT_RESOURCE + " is missing from the build");
            }
            return parse(new String(in.readAllBytes(), StandardCharsets.US_ASCII), ROOT_RESOURCE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Reads anchors from a file given to {@code --trust-anchor}.
     *
     * @throws IllegalArgumentException with a one-line message when the file is unreadable, too large,
     *                                  not zone-file syntax, or holds no DS or DNSKEY record
     */
    public static TrustAnchors fromFile(Path file) {
        try {
            if (Files.size(file) > MAX_FILE_BYTES) {
                throw new IllegalArgumentException("trust anchor file " + file + " is larger than "
                        + MAX_FILE_BYTES + " bytes");
            }
            return parse(Files.readString(file, StandardCharsets.UTF_8), file.toString());
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read trust anchor file " + file + ": " + e.getMessage());
        }
    }

    /**
     * Parses anchors from zone-file text; {@code source} names it in error messages.
     *
     * @throws IllegalArgumentException when the text is not zone-file syntax or holds no DS or DNSKEY record
     */
    public static TrustAnchors parse(String text, String source) {
        List<String> found = new ArrayList<>();
        try (Master master = new Master(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)),
                Name.root, 3600)) {
            Record r;
            while ((r = master.nextRecord()) != null) {
                if (r.getType() == Type.DS || r.getType() == Type.DNSKEY) {
                    found.add(r.getName() + " " + Type.string(r.getType()) + " " + r.rdataToString());
                }
            }
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("trust anchors in " + source + " are not valid zone-file syntax: "
                    + e.getMessage());
        }
        if (found.isEmpty()) {
            throw new IllegalArgumentException("trust anchors in " + source + " hold no DS or DNSKEY record");
        }
        return new TrustAnchors(text, found);
    }
}
