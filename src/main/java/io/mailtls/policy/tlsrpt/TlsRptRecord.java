package io.mailtls.policy.tlsrpt;

import java.net.URI;
import java.util.List;
import java.util.Map;

/**
 * A parsed {@code _smtp._tls} record (RFC 8460 §3).
 *
 * @param rua        the report destinations that reporters can use ({@code mailto:} and {@code https:} only)
 * @param extensions fields other than {@code v} and {@code rua}, which reporters ignore
 */
public record TlsRptRecord(List<URI> rua, Map<String, String> extensions) {
    public TlsRptRecord {
        rua = List.copyOf(rua);
        extensions = Map.copyOf(extensions);
    }
}
