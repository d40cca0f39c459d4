package pl.krakow.coi.servicedesk.ticket.domain;

import java.time.Instant;
import java.util.Optional;

/** Tickets and actors for domain tests. */
public final class TicketFixtures {

    public static final Instant MONDAY_9 = Instant.parse("2026-03-02T08:00:00Z");
    public static final String HANDOVER = "Drukarka HP w pokoju 214 nie pobiera papieru mimo restartu i wymiany"
            + " podajnika; sterownik przeinstalowany, problem zostaje. Prosimy o diagnozę sprzętu na miejscu.";

    private TicketFixtures() {}

    public static Requester employee() {
        return new Requester("anna.nowak", "Anna Nowak", Optional.of(new UnitCode("KP-01")));
    }

    public static Actor requester() {
        return new Actor("anna.nowak", "Anna Nowak", Optional.of(new UnitCode("KP-01")), Actor.Kind.REQUESTER);
    }

    public static Actor firstLineAgent() {
        return new Actor("jan.kowalski", "Jan Kowalski", Optional.of(UnitCode.FIRST_LINE), Actor.Kind.AGENT);
    }

    public static Actor agentOf(String unit) {
        return new Actor(
                "agent." + unit.toLowerCase(), "Agent " + unit, Optional.of(new UnitCode(unit)), Actor.Kind.AGENT);
    }

    public static Ticket printerIncident() {
        return Ticket.register(
                new Ticket.NewTicket(
                        TicketType.INCIDENT,
                        "Drukarka nie drukuje",
                        "Drukarka w pokoju 214 nie pobiera papieru.",
                        employee(),
                        Channel.PORTAL,
                        null,
                        null,
                        Impact.LOW,
                        Urgency.MEDIUM,
                        null),
                TicketNumber.of(TicketType.INCIDENT, 2026, 1),
                requester(),
                MONDAY_9);
    }

    public static Ticket escalatedTo(String unit) {
        Ticket ticket = printerIncident();
        ticket.escalate(new UnitCode(unit), HANDOVER, firstLineAgent(), MONDAY_9.plusSeconds(600));
        return ticket;
    }
}
