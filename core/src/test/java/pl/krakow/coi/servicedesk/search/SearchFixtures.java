package pl.krakow.coi.servicedesk.search;

import java.time.Instant;
import java.util.Optional;
import pl.krakow.coi.servicedesk.ticket.TicketChanges;
import pl.krakow.coi.servicedesk.ticket.TicketService;
import pl.krakow.coi.servicedesk.ticket.domain.Actor;
import pl.krakow.coi.servicedesk.ticket.domain.Channel;
import pl.krakow.coi.servicedesk.ticket.domain.Comment;
import pl.krakow.coi.servicedesk.ticket.domain.Impact;
import pl.krakow.coi.servicedesk.ticket.domain.Requester;
import pl.krakow.coi.servicedesk.ticket.domain.Resolution;
import pl.krakow.coi.servicedesk.ticket.domain.Ticket;
import pl.krakow.coi.servicedesk.ticket.domain.TicketState;
import pl.krakow.coi.servicedesk.ticket.domain.TicketType;
import pl.krakow.coi.servicedesk.ticket.domain.UnitCode;
import pl.krakow.coi.servicedesk.ticket.domain.Urgency;

/** Tickets for search tests, registered and changed through {@link TicketService} as an import would. */
final class SearchFixtures {

    static final String HANDOVER = "Zgłaszający opisał objawy, sprawdziłem podstawowe przyczyny po stronie stanowiska"
            + " i problem zostaje; potrzebna diagnoza kompetentnego referatu na miejscu lub zdalnie.";

    private final TicketService service;

    SearchFixtures(TicketService service) {
        this.service = service;
    }

    static Requester requester(String username, String unit) {
        return new Requester(username, displayName(username), Optional.of(new UnitCode(unit)));
    }

    static Actor firstLine() {
        return new Actor("jan.kowalski", "Jan Kowalski", Optional.of(UnitCode.FIRST_LINE), Actor.Kind.AGENT);
    }

    static Actor agentOf(String unit) {
        return new Actor(
                "agent." + unit.toLowerCase(), "Agent " + unit, Optional.of(new UnitCode(unit)), Actor.Kind.AGENT);
    }

    TicketState file(TicketType type, String title, String description, String category, Requester requester) {
        Ticket ticket = service.registerAt(
                new Ticket.NewTicket(
                        type,
                        title,
                        description,
                        requester,
                        Channel.PORTAL,
                        category,
                        null,
                        Impact.MEDIUM,
                        Urgency.MEDIUM,
                        null),
                new Actor(
                        requester.username(), requester.displayName(), requester.customerUnit(), Actor.Kind.REQUESTER),
                Instant.now());
        return ticket.state();
    }

    TicketState incident(String title, String description) {
        return file(TicketType.INCIDENT, title, description, null, requester("anna.nowak", "KP-01"));
    }

    TicketState resolve(long id, String note) {
        return TicketChanges.apply(service, id, (t, now) -> t.resolve(Resolution.FIXED, note, firstLine(), now));
    }

    TicketState escalate(long id, String unit) {
        return TicketChanges.apply(service, id, (t, now) -> t.escalate(new UnitCode(unit), HANDOVER, firstLine(), now));
    }

    TicketState comment(long id, String body, Comment.Visibility visibility) {
        return TicketChanges.apply(service, id, (t, now) -> t.comment(body, visibility, firstLine(), now));
    }

    private static String displayName(String username) {
        StringBuilder name = new StringBuilder();
        for (String part : username.split("[._]")) {
            if (!part.isEmpty()) {
                name.append(Character.toUpperCase(part.charAt(0)))
                        .append(part.substring(1))
                        .append(' ');
            }
        }
        return name.toString().trim();
    }
}
