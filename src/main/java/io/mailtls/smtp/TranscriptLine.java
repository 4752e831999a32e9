package io.mailtls.smtp;

/**
 * One line of the annotated conversation.
 *
 * @param atMs milliseconds since the connection attempt started
 * @param from who said it
 * @param text the line, already stripped of control characters
 */
public record TranscriptLine(long atMs, From from, String text) {

    /** The speaker of a transcript line; JSON names are the lower-case constants. */
    public enum From {
        SERVER, CLIENT, TLS, NOTE;

        /** The contract's JSON value. */
        public String json() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }
}
