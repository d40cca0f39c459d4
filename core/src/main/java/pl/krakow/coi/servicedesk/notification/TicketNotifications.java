package pl.krakow.coi.servicedesk.notification;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;
import pl.krakow.coi.servicedesk.attachment.TicketAttachments;
import pl.krakow.coi.servicedesk.organisation.Unit;
import pl.krakow.coi.servicedesk.organisation.Units;
import pl.krakow.coi.servicedesk.people.People;
import pl.krakow.coi.servicedesk.people.Person;
import pl.krakow.coi.servicedesk.sla.SlaService;
import pl.krakow.coi.servicedesk.sla.SlaStatus;
import pl.krakow.coi.servicedesk.ticket.TicketEventRecorded;
import pl.krakow.coi.servicedesk.ticket.TicketLookup;
import pl.krakow.coi.servicedesk.ticket.domain.Comment;
import pl.krakow.coi.servicedesk.ticket.domain.Requester;
import pl.krakow.coi.servicedesk.ticket.domain.TicketState;

/**
 * Turns ticket events into deliveries (ADR 0086): after the change committed, delivered at least once by the event
 * publication registry (ADR 0079), in a transaction of its own that only inserts rows, deduplicated per
 * (event, address), so a redelivered event inserts nothing. {@link TicketNotificationPlan} decides who is told
 * what; here the people come from the register and the units' settings.
 *
 * <p>History being replayed notifies nobody: an event recorded long after it occurred (more than
 * {@code servicedesk.notifications.max-event-age}; a legacy import replays each ticket at its original times),
 * and any event of a ticket imported from the legacy system (external reference {@code legacy:…}).
 */
@Component
@ConditionalOnBooleanProperty(name = "servicedesk.notifications.enabled", matchIfMissing = true)
class TicketNotifications {

    private static final Logger log = LoggerFactory.getLogger(TicketNotifications.class);
    static final String LEGACY_REFERENCE = "legacy:";

    private final NotificationOutbox outbox;
    private final NotificationSettings settings;
    private final People people;
    private final Units units;
    private final TicketLookup tickets;
    private final SlaService sla;
    private final TicketAttachments files;
    private final NotificationProperties properties;
    private final Clock clock;

    TicketNotifications(
            NotificationOutbox outbox,
            NotificationSettings settings,
            People people,
            Units units,
            TicketLookup tickets,
            SlaService sla,
            TicketAttachments files,
            NotificationProperties properties,
            Clock clock) {
        this.outbox = outbox;
        this.settings = settings;
        this.people = people;
        this.units = units;
        this.tickets = tickets;
        this.sla = sla;
        this.files = files;
        this.properties = properties;
        this.clock = clock;
    }

    @ApplicationModuleListener
    void on(TicketEventRecorded event) {
        if (recordedLongAfter(event)) {
            return;
        }
        // Read once: it tells a legacy ticket, and a registration's due time comes from it.
        Optional<TicketState> state = tickets.state(event.ticketId());
        if (legacy(state)) {
            return;
        }
        List<TicketNotificationPlan.Planned> plan =
                TicketNotificationPlan.of(event, directory(state), properties.baseUrl());
        if (plan.isEmpty()) {
            return;
        }
        Map<String, NotificationContent> contents = plan.stream()
                .collect(Collectors.toMap(
                        p -> p.recipient().email().toLowerCase(Locale.ROOT),
                        TicketNotificationPlan.Planned::content,
                        (a, b) -> a));
        int inserted = outbox.enqueue(
                source(event),
                plan.stream().map(TicketNotificationPlan.Planned::recipient).toList(),
                recipient -> contents.get(recipient.email().toLowerCase(Locale.ROOT)));
        log.debug(
                "Ticket event {} ({}): {} of {} notifications new",
                event.eventId(),
                event.type(),
                inserted,
                plan.size());
    }

    /** The deduplication key of an event's notifications. */
    static String source(TicketEventRecorded event) {
        return "ticket-event:" + event.eventId();
    }

    /** History being replayed: recorded long after it occurred. */
    private boolean recordedLongAfter(TicketEventRecorded event) {
        return event.occurredAt() != null
                && event.recordedAt() != null
                && Duration.between(event.occurredAt(), event.recordedAt()).compareTo(properties.maxEventAge()) > 0;
    }

    /** A ticket imported from the legacy system. */
    private static boolean legacy(Optional<TicketState> state) {
        return state.map(TicketState::externalReference)
                .map(reference -> reference.startsWith(LEGACY_REFERENCE))
                .orElse(false);
    }

    private TicketNotificationPlan.Directory directory(Optional<TicketState> ticket) {
        return new TicketNotificationPlan.Directory() {
            @Override
            public Optional<Recipient> person(String username) {
                return recipient(username, ticket);
            }

            @Override
            public List<Recipient> unit(String unitCode) {
                NotificationSettings.UnitSettings unit = settings.unit(unitCode);
                if (unit.delivery() == NotificationSettings.Delivery.MAILBOX
                        && unit.mailbox() != null
                        && !unit.mailbox().isBlank()) {
                    String name = units.find(unitCode).map(Unit::namePl).orElse(unitCode);
                    return List.of(new Recipient(null, name, unit.mailbox(), NotificationProperties.POLISH));
                }
                return settings.activeMembers(unitCode).stream()
                        .filter(TicketNotifications::reachable)
                        .map(p -> new Recipient(
                                p.username(), p.displayName(), p.email(), settings.language(p.username())))
                        .toList();
            }

            @Override
            public Optional<String> head(String unitCode) {
                return Optional.ofNullable(settings.unit(unitCode).headUsername());
            }

            @Override
            public Instant answerDue(TicketEventRecorded event) {
                try {
                    return ticket.map(state -> sla.statuses(List.of(state), clock.instant())
                                    .get(state.id()))
                            .map(SlaStatus::response)
                            .map(target -> target.dueAt())
                            .orElse(null);
                } catch (RuntimeException e) {
                    // The registration mail goes out without a due time rather than not at all.
                    log.warn("No SLA due time for ticket {}: {}", event.ticketId(), e.toString());
                    return null;
                }
            }

            @Override
            public String requesterReply(TicketEventRecorded event) {
                return tickets.comments(List.of(event.ticketId())).getOrDefault(event.ticketId(), List.of()).stream()
                        .filter(c -> c.visibility() == Comment.Visibility.PUBLIC)
                        .filter(c -> c.author().username().equals(event.actor().username()))
                        .filter(c -> c.createdAt().equals(event.occurredAt()))
                        .map(Comment::body)
                        .findFirst()
                        .orElse(null);
            }

            @Override
            public List<NotificationContent.AttachmentLink> attachments(
                    TicketEventRecorded event, boolean internalToo) {
                return files.downloadable(event.ticketId()).stream()
                        .filter(file -> internalToo || !file.internal())
                        .map(file -> new NotificationContent.AttachmentLink(
                                file.filename(),
                                file.size(),
                                properties.baseUrl() + "/api/v1/tickets/" + event.ticketNumber() + "/attachments/"
                                        + file.id() + "/content"))
                        .toList();
            }
        };
    }

    private Optional<Recipient> recipient(String username, Optional<TicketState> ticket) {
        if (username == null || username.startsWith("system:")) {
            return Optional.empty();
        }
        if (username.startsWith(Requester.EXTERNAL_PREFIX)) {
            return external(username, ticket);
        }
        return people.find(username)
                .filter(TicketNotifications::reachable)
                .map(p -> new Recipient(p.username(), p.displayName(), p.email(), settings.language(p.username())));
    }

    /**
     * An external requester ({@code mail:<address>}, someone who wrote to the desk and whom the register does not
     * know): written to at that address, in Polish, with the name the ticket has for them. They have no preferences
     * to turn a kind off; what a requester is told (of a security incident only its number and state) is the plan's
     * rule, as for any requester.
     */
    private static Optional<Recipient> external(String username, Optional<TicketState> ticket) {
        String email = username.substring(Requester.EXTERNAL_PREFIX.length()).strip();
        if (email.isEmpty() || email.indexOf('@') < 1) {
            return Optional.empty();
        }
        String name = ticket.map(TicketState::requester)
                .filter(r -> r.username().equals(username))
                .map(Requester::displayName)
                .orElse(email);
        return Optional.of(new Recipient(username, name, email, NotificationProperties.POLISH));
    }

    private static boolean reachable(Person person) {
        return person.active() && person.email() != null && !person.email().isBlank();
    }
}
