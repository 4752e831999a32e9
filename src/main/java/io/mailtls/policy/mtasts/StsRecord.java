package io.mailtls.policy.mtasts;

import java.util.Map;

/**
 * A parsed {@code _mta-sts} TXT record (RFC 8461 §3.1).
 *
 * @param id         the policy instance id (1 to 32 letters and digits)
 * @param extensions other fields, which senders ignore
 */
public record StsRecord(String id, Map<String, String> extensions) {
    public StsRecord {
        extensions = Map.copyOf(extensions);
    }
}
