package io.mailtls.tls.wire;

import java.util.HexFormat;

/**
 * One hello extension as it travels: its type and its opaque body.
 *
 * @param type the extension type code
 * @param data the extension_data bytes
 */
public record Extension(int type, byte[] data) {
    public Extension {
        data = data.clone();
    }

    @Override
    public byte[] data() {
        return data.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Extension e && e.type == type && java.util.Arrays.equals(e.data, data);
    }

    @Override
    public int hashCode() {
        return 31 * type + java.util.Arrays.hashCode(data);
    }

    @Override
    public String toString() {
        return "Extension[" + type + ", " + HexFormat.of().formatHex(data) + "]";
    }
}
