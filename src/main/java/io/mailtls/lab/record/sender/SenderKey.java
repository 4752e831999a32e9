package io.mailtls.lab.record.sender;

import io.mailtls.lab.SessionRecord;

/**
 * One sending client as the lab tells them apart: its IP address and the name it gives in EHLO.
 * Two MTAs behind one address (or one MTA with two transports) that say different names are two senders.
 *
 * @param address  the client's IP address, as text
 * @param heloName its first EHLO or HELO name, or null when it never said hello
 */
public record SenderKey(String address, String heloName) {

    /** The sender of one finished session. */
    public static SenderKey of(SessionRecord session) {
        return new SenderKey(session.client().getAddress().getHostAddress(), session.conduct().heloName());
    }

    @Override
    public String toString() {
        return address + (heloName == null ? " (no EHLO)" : " (EHLO " + heloName + ")");
    }
}
