package io.mailtls.tls.wire;

import io.mailtls.tls.registry.ProtocolVersion;
import java.util.List;
import java.util.Optional;

/**
 * What a client offered in its ClientHello, as a server sees it.
 *
 * @param recordVersion       the record header's version
 * @param legacyVersion       client_version
 * @param supportedVersions   the supported_versions list, empty when the extension is absent
 * @param cipherSuites        the offered suite codes, in the client's order
 * @param compressionMethods  the offered compression methods
 * @param serverName          the SNI host name, if sent
 * @param supportedGroups     the supported_groups list
 * @param keyShareGroups      the groups of the key_share entries
 * @param signatureAlgorithms the signature_algorithms list
 * @param alpn                the ALPN protocol names
 * @param extensionTypes      every extension type, in order
 */
public record ClientHelloInfo(int recordVersion, int legacyVersion, List<Integer> supportedVersions,
        List<Integer> cipherSuites, List<Integer> compressionMethods, Optional<String> serverName,
        List<Integer> supportedGroups, List<Integer> keyShareGroups, List<Integer> signatureAlgorithms,
        List<String> alpn, List<Integer> extensionTypes) {

    public ClientHelloInfo {
        supportedVersions = List.copyOf(supportedVersions);
        cipherSuites = List.copyOf(cipherSuites);
        compressionMethods = List.copyOf(compressionMethods);
        supportedGroups = List.copyOf(supportedGroups);
        keyShareGroups = List.copyOf(keyShareGroups);
        signatureAlgorithms = List.copyOf(signatureAlgorithms);
        alpn = List.copyOf(alpn);
        extensionTypes = List.copyOf(extensionTypes);
    }

    /**
     * The versions the client offers, highest first: supported_versions when sent, otherwise every
     * known version from SSLv3 up to client_version.
     */
    public List<ProtocolVersion> offeredVersions() {
        if (!supportedVersions.isEmpty()) {
            return supportedVersions.stream().flatMap(v -> ProtocolVersion.fromCode(v).stream())
                    .sorted(java.util.Comparator.reverseOrder()).distinct().toList();
        }
        return java.util.Arrays.stream(ProtocolVersion.values())
                .filter(v -> v.code() >= 0x0300 && v.code() <= legacyVersion)
                .sorted(java.util.Comparator.reverseOrder()).toList();
    }
}
