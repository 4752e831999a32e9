package io.mailtls.tls.registry;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Reads one of our tab-separated registry tables from the class path. */
final class Tsv {
    private Tsv() {
    }

    /**
     * Rows of the table, comments and blank lines skipped. The tables ship inside the jar, so a
     * malformed row is a build defect: it fails loudly with the line number rather than being skipped.
     */
    static List<String[]> read(String resource, int columns) {
        try (InputStream in = Tsv.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("registry table missing: " + resource);
            }
            var reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            List<String[]> rows = new ArrayList<>();
            String line;
            int number = 0;
            while ((line = reader.readLine()) != null) {
                number++;
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] cells = line.split("\t", -1);
                if (cells.length != columns) {
                    throw new IllegalStateException(resource + ":" + number + ": expected " + columns
                            + " columns, found " + cells.length);
                }
                rows.add(cells);
            }
            return List.copyOf(rows);
        } catch (IOException e) {
            throw new UncheckedIOException(resource, e);
        }
    }

    /** Parses {@code 0x00,0x2F} or {@code 0x0017} or {@code 23} into an int. */
    static int code(String text) {
        String t = text.trim();
        if (t.contains(",")) {
            int value = 0;
            for (String part : t.split(",")) {
                value = (value << 8) | Integer.parseInt(strip(part), 16);
            }
            return value;
        }
        return t.startsWith("0x") ? Integer.parseInt(t.substring(2), 16) : Integer.parseInt(t);
    }

    private static String strip(String hex) {
        String h = hex.trim();
        return h.startsWith("0x") || h.startsWith("0X") ? h.substring(2) : h;
    }
}
