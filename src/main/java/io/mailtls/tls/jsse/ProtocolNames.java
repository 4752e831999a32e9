package io.mailtls.tls.jsse;

/** Maps the JDK's protocol names onto the contract's ({@code TLSv1} becomes {@code TLSv1.0}). */
public final class ProtocolNames {
    private ProtocolNames() {
    }

    /** The contract's name for a JDK protocol name. */
    public static String contract(String jdk) {
        return "TLSv1".equals(jdk) ? "TLSv1.0" : jdk;
    }
}
