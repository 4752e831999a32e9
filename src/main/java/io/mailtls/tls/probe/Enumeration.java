package io.mailtls.tls.probe;

import io.mailtls.tls.registry.ProtocolVersion;
import java.util.List;

/**
 * What elimination found for one protocol version.
 *
 * @param version     the version probed
 * @param supported   true, false, or null when it could not be determined
 * @param accepted    the suites the server picked, in the order it picked them
 * @param firstPick   the server's pick from the first, fullest hello, or -1
 * @param singleHello whether every accepted suite came from the first hello's list (so pick order is
 *                    the server's order when it imposes one)
 * @param complete    whether every list was driven to a refusal, so nothing was missed
 * @param serverOrder whether the server imposes its suite order, when the enumeration found out (null if not)
 */
record Enumeration(ProtocolVersion version, Boolean supported, List<Integer> accepted, int firstPick,
        boolean singleHello, boolean complete, Boolean serverOrder) {
    Enumeration {
        accepted = List.copyOf(accepted);
    }
}
