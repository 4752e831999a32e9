package io.mailtls.policy.mtasts;

/**
 * One attempt to fetch {@code https://mta-sts.DOMAIN/.well-known/mta-sts.txt}.
 *
 * @param url           the policy URL
 * @param status        how it ended
 * @param address       the {@code ip:port} connected to (or last tried), null when none was found
 * @param httpStatus    the HTTP status code, 0 when no status line arrived
 * @param contentType   the Content-Type header, null when absent or not reached
 * @param body          the policy text (UTF-8) when {@code status} is OK, else null
 * @param validUtf8     false when the body was not valid UTF-8 (it is then decoded with replacements)
 * @param detail        the evidence: what was seen, in one line
 * @param elapsedMillis how long the attempt took
 */
public record PolicyFetch(String url, FetchStatus status, String address, int httpStatus, String contentType,
                          String body, boolean validUtf8, String detail, long elapsedMillis) {
    /** The well-known policy URL for {@code domain}. */
    public static String urlFor(String domain) {
        return "https://" + hostFor(domain) + "/.well-known/mta-sts.txt";
    }

    /** The policy host name for {@code domain}. */
    public static String hostFor(String domain) {
        return "mta-sts." + domain;
    }

    /** True when the policy text arrived. */
    public boolean ok() {
        return status == FetchStatus.OK;
    }
}
