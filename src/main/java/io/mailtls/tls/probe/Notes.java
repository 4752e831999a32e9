package io.mailtls.tls.probe;

import java.util.ArrayList;
import java.util.List;

/** What a scan could not determine, and the odd facts it saw; shared by the concurrent scanners. */
final class Notes {
    private final List<String> inconclusive = new ArrayList<>();
    private final List<String> anomalies = new ArrayList<>();

    synchronized void inconclusive(String note) {
        inconclusive.add(note);
    }

    synchronized void anomaly(String note) {
        if (!anomalies.contains(note)) {
            anomalies.add(note);
        }
    }

    synchronized List<String> inconclusive() {
        return List.copyOf(inconclusive);
    }

    synchronized List<String> anomalies() {
        return List.copyOf(anomalies);
    }
}
