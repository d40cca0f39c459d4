package pl.krakow.coi.servicedesk.ingest.legacy;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The export's incident states, by name or ServiceNow number, as the states our lifecycle knows. */
final class LegacyStates {

    enum State {
        NEW,
        IN_PROGRESS,
        WAITING_FOR_REQUESTER,
        RESOLVED,
        CLOSED,
        CANCELLED,
        /** A state that says nothing about the lifecycle (e.g. {@code -100}): the ticket stays as it is. */
        UNCHANGED
    }

    private static final Map<String, State> STATES = Map.ofEntries(
            Map.entry("new", State.NEW),
            Map.entry("1", State.NEW),
            Map.entry("active", State.IN_PROGRESS),
            Map.entry("in progress", State.IN_PROGRESS),
            Map.entry("2", State.IN_PROGRESS),
            Map.entry("awaiting vendor", State.IN_PROGRESS),
            Map.entry("awaiting problem", State.IN_PROGRESS),
            Map.entry("awaiting evidence", State.IN_PROGRESS),
            Map.entry("awaiting user info", State.WAITING_FOR_REQUESTER),
            Map.entry("on hold", State.WAITING_FOR_REQUESTER),
            Map.entry("3", State.WAITING_FOR_REQUESTER),
            Map.entry("resolved", State.RESOLVED),
            Map.entry("6", State.RESOLVED),
            Map.entry("closed", State.CLOSED),
            Map.entry("7", State.CLOSED),
            Map.entry("canceled", State.CANCELLED),
            Map.entry("cancelled", State.CANCELLED),
            Map.entry("8", State.CANCELLED),
            Map.entry("-100", State.UNCHANGED));

    static final List<String> KNOWN = List.of(
            "New",
            "Active",
            "In Progress",
            "Awaiting User Info",
            "On Hold",
            "Awaiting Vendor",
            "Awaiting Problem",
            "Awaiting Evidence",
            "Resolved",
            "Closed",
            "Canceled",
            "1",
            "2",
            "3",
            "6",
            "7",
            "8",
            "-100");

    private LegacyStates() {}

    static State of(String value) {
        return value == null ? null : STATES.get(value.strip().toLowerCase(Locale.ROOT));
    }
}
