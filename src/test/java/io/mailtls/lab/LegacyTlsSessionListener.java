package io.mailtls.lab;

import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

import io.mailtls.lab.tls.LegacyTls;

/**
 * Relaxes the JDK's TLS for the test JVM before any test runs, so tests that make a TLS context
 * before the lab starts cannot leave {@code tls10-only} and {@code weak-ciphers} unservable.
 * Registered in {@code META-INF/services/org.junit.platform.launcher.LauncherSessionListener}.
 */
public final class LegacyTlsSessionListener implements LauncherSessionListener {

    /** Why a legacy assertion failed, for the assertion message. */
    static final String WHY = "the JDK's TLS was initialised before LegacyTls.enable(); register "
            + LegacyTlsSessionListener.class.getName() + " as a JUnit LauncherSessionListener";

    @Override
    public void launcherSessionOpened(LauncherSession session) {
        LegacyTls.enable();
    }
}
