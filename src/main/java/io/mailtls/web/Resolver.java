package io.mailtls.web;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

/** Turns a host name into addresses; the web front end asks it exactly once per check (tests inject their own). */
@FunctionalInterface
public interface Resolver {
    /** The addresses of {@code host}; throws when the name does not resolve. */
    List<InetAddress> resolve(String host) throws UnknownHostException;

    /** The system's resolver. */
    Resolver SYSTEM = host -> List.of(InetAddress.getAllByName(host));
}
