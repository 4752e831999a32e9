package io.mailtls.lab;

import java.io.IOException;
import java.time.Duration;

/** Small I/O helpers for sessions: evidence from exceptions, best-effort actions, socket timeouts. */
final class SessionIo {

    private SessionIo() {
    }

    /** The exception's message and its causes' messages, for evidence in the record. */
    static String describe(Throwable error) {
        StringBuilder text = new StringBuilder(String.valueOf(error.getMessage()));
        Throwable cause = error.getCause();
        for (int depth = 0; cause != null && depth < 4; depth++, cause = cause.getCause()) {
            String message = cause.getMessage();
            if (message != null && !text.toString().contains(message)) {
                text.append(": ").append(message);
            }
        }
        return text.toString();
    }

    static int millis(Duration duration) {
        return (int) Math.min(Integer.MAX_VALUE, Math.max(1, duration.toMillis()));
    }

    interface IoAction {
        void run() throws IOException;
    }

    static void quietly(IoAction action) {
        try {
            action.run();
        } catch (IOException | RuntimeException ignored) {
            // The session is ending anyway; the record already says why.
        }
    }
}
