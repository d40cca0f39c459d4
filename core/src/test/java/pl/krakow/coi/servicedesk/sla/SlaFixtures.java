package pl.krakow.coi.servicedesk.sla;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import pl.krakow.coi.servicedesk.ticket.domain.Channel;
import pl.krakow.coi.servicedesk.ticket.domain.Impact;
import pl.krakow.coi.servicedesk.ticket.domain.Priority;
import pl.krakow.coi.servicedesk.ticket.domain.Ticket;
import pl.krakow.coi.servicedesk.ticket.domain.TicketEvent;
import pl.krakow.coi.servicedesk.ticket.domain.TicketFixtures;
import pl.krakow.coi.servicedesk.ticket.domain.TicketNumber;
import pl.krakow.coi.servicedesk.ticket.domain.TicketType;
import pl.krakow.coi.servicedesk.ticket.domain.Urgency;

/** Calendars, policies, instants and ticket histories for SLA tests. */
public final class SlaFixtures {

    public static final ZoneId WARSAW = ZoneId.of("Europe/Warsaw");
    public static final String OFFICE = "WARSAW-OFFICE";
    public static final String ROUND_THE_CLOCK = "24X7";

    private SlaFixtures() {}

    /** City Hall office hours: Monday–Friday 07:30–15:30, Polish public holidays closed. */
    public static BusinessCalendar officeHours() {
        return BusinessCalendar.officeHours(OFFICE, "Godziny pracy Urzędu", WARSAW, OpeningHours.of("07:30", "15:30"));
    }

    public static BusinessCalendar roundTheClock() {
        return BusinessCalendar.allDayEveryDay(ROUND_THE_CLOCK, "Całodobowo", WARSAW);
    }

    /** The default targets (P1 30 min / 4 h … P4 8 h / 40 h) in office hours. */
    public static SlaPolicy defaultPolicy() {
        return new SlaPolicy(
                "DEFAULT",
                "Domyślny poziom usług",
                SlaPolicy.Scope.EVERY_TICKET,
                OFFICE,
                OFFICE,
                SlaPolicy.defaultTargets());
    }

    /** An instant given as Warsaw local time, e.g. {@code warsaw("2026-04-03T15:00")}. */
    public static Instant warsaw(String localDateTime) {
        return LocalDateTime.parse(localDateTime).atZone(WARSAW).toInstant();
    }

    /** An incident of the given priority registered by the requester at {@code at}. */
    public static Ticket incident(Priority priority, Instant at) {
        Impact impact;
        Urgency urgency;
        switch (priority) {
            case P1 -> {
                impact = Impact.HIGH;
                urgency = Urgency.HIGH;
            }
            case P2 -> {
                impact = Impact.HIGH;
                urgency = Urgency.MEDIUM;
            }
            case P3 -> {
                impact = Impact.MEDIUM;
                urgency = Urgency.MEDIUM;
            }
            default -> {
                impact = Impact.LOW;
                urgency = Urgency.MEDIUM;
            }
        }
        return Ticket.register(
                new Ticket.NewTicket(
                        TicketType.INCIDENT,
                        "Nie działa aplikacja",
                        "Aplikacja dziedzinowa zgłasza błąd przy logowaniu.",
                        TicketFixtures.employee(),
                        Channel.PORTAL,
                        null,
                        null,
                        impact,
                        urgency,
                        null),
                TicketNumber.of(TicketType.INCIDENT, 2026, 1),
                TicketFixtures.requester(),
                at);
    }

    /** The status of {@code ticket}'s events so far under the default policy in office hours. */
    public static SlaStatus status(Ticket ticket, Instant now) {
        return status(ticket.pendingEvents(), now);
    }

    public static SlaStatus status(List<TicketEvent> events, Instant now) {
        return SlaClocks.compute(events, defaultPolicy(), officeHours(), officeHours(), now, true);
    }

    public static Map<String, BusinessCalendar> calendars() {
        return Map.of(OFFICE, officeHours(), ROUND_THE_CLOCK, roundTheClock());
    }
}
