package io.mailtls.cert;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads the certificates of a PEM file, bounded in size and count, with one-line errors. */
final class PemCertificates {
    /** A bundle of every public CA is about 250 KB; 16 MB leaves room and still bounds memory. */
    static final long MAX_FILE_BYTES = 16L * 1024 * 1024;
    static final int MAX_CERTIFICATES = 5000;

    private static final String BEGIN = "-----BEGIN CERTIFICATE-----";
    private static final String END = "-----END CERTIFICATE-----";
    private static final Pattern WHITESPACE = Pattern.compile("\\s+");
    private static final Pattern ANY_PEM = Pattern.compile("-----BEGIN ([A-Z0-9 ]+)-----");

    private PemCertificates() {}

    static List<X509Certificate> read(Path file) {
        String name = "--ca-file " + printable(file.toString());
        String text;
        try {
            if (!Files.isRegularFile(file)) {
                throw new BadCaFileException(name + ": " + (Files.exists(file) ? "not a regular file" : "no such file"));
            }
            if (Files.size(file) > MAX_FILE_BYTES) {
                throw new BadCaFileException(name + ": larger than " + MAX_FILE_BYTES / (1024 * 1024) + " MB, not a CA file");
            }
            text = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
        } catch (NoSuchFileException e) {
            throw new BadCaFileException(name + ": no such file", e);
        } catch (AccessDeniedException e) {
            throw new BadCaFileException(name + ": permission denied", e);
        } catch (IOException e) {
            throw new BadCaFileException(name + ": cannot read (" + printable(String.valueOf(e.getMessage())) + ")", e);
        }
        if (text.isBlank()) {
            throw new BadCaFileException(name + ": the file is empty");
        }
        List<X509Certificate> certs = new ArrayList<>();
        CertificateFactory factory = x509Factory();
        int line = 1;
        int counted = 0;
        for (int begin = text.indexOf(BEGIN); begin >= 0; begin = text.indexOf(BEGIN, begin + BEGIN.length())) {
            int number = certs.size() + 1;
            line += newlines(text, counted, begin);
            counted = begin;
            String where = name + ": certificate " + number + " (line " + line + ")";
            if (number > MAX_CERTIFICATES) {
                throw new BadCaFileException(name + ": more than " + MAX_CERTIFICATES + " certificates");
            }
            int end = text.indexOf(END, begin);
            if (end < 0) {
                throw new BadCaFileException(where + " has no '" + END + "' line");
            }
            String body = WHITESPACE.matcher(text.substring(begin + BEGIN.length(), end)).replaceAll("");
            try {
                byte[] der = Base64.getDecoder().decode(body);
                certs.add((X509Certificate) factory.generateCertificate(new ByteArrayInputStream(der)));
            } catch (IllegalArgumentException | CertificateException | ClassCastException e) {
                throw new BadCaFileException(where + " is not a valid X.509 certificate", e);
            }
        }
        if (certs.isEmpty()) {
            Matcher other = ANY_PEM.matcher(text);
            throw new BadCaFileException(name + (other.find()
                    ? ": holds no certificate, only '" + other.group(1) + "' (expected PEM blocks '-----BEGIN CERTIFICATE-----')"
                    : ": not a PEM file (expected blocks starting '-----BEGIN CERTIFICATE-----')"));
        }
        return List.copyOf(certs);
    }

    static CertificateFactory x509Factory() {
        try {
            return CertificateFactory.getInstance("X.509");
        } catch (CertificateException e) {
            throw new IllegalStateException("the JDK always provides X.509", e);
        }
    }

    private static int newlines(String text, int from, int to) {
        int count = 0;
        for (int i = from; i < to; i++) {
            if (text.charAt(i) == '\n') {
                count++;
            }
        }
        return count;
    }

    /** Keeps a message on one line whatever the path or the JDK's message contains. */
    static String printable(String s) {
        StringBuilder out = new StringBuilder(s.length());
        s.codePoints().forEach(c -> out.append(Character.isISOControl(c) ? "?" : Character.toString(c)));
        return out.toString();
    }
}
