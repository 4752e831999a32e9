package io.mailtls.tls.wire;

import java.util.HexFormat;

/** Short, printable renderings of untrusted bytes for results and transcripts. */
public final class Evidence {
    /** The most bytes quoted as evidence. */
    public static final int MAX_BYTES = 64;

    private Evidence() {
    }

    /** Hex of the first {@link #MAX_BYTES} of {@code length} bytes at {@code offset}. */
    public static String hex(byte[] data, int offset, int length) {
        int n = Math.max(0, Math.min(Math.min(length, MAX_BYTES), data.length - offset));
        return HexFormat.of().formatHex(data, offset, offset + n) + (length > MAX_BYTES ? "..." : "");
    }

    public static String hex(byte[] data) {
        return hex(data, 0, data.length);
    }

    /** The bytes as ASCII, anything not printable shown as '.'. */
    public static String printable(byte[] data, int length) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < Math.min(Math.min(length, MAX_BYTES), data.length); i++) {
            int c = data[i] & 0xFF;
            sb.append(c >= 0x20 && c < 0x7F ? (char) c : '.');
        }
        return sb.toString();
    }
}
