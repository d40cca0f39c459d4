package pl.krakow.coi.servicedesk.notification;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import pl.krakow.coi.servicedesk.ticket.TicketEventRecorded;
import pl.krakow.coi.servicedesk.ticket.domain.Actor;
import pl.krakow.coi.servicedesk.ticket.domain.TicketType;

/**
 * Who is told what about one ticket event (docs/notifications.md), as a pure function of the event and a
 * {@link Directory} of people: the requester (registered, an agent's public comment, a question, resolved,
 * closed), the unit that now holds the ticket (escalated, reassigned), the assignee (assigned, the requester
 * answered, SLA warning and breach), IT-04-2 (remote hands), the deputy (escalated to them) and the unit head (a
 * breach in the unit).
 *
 * <p>The requester's rules: only events requesters may see ({@link TicketEventRecorded#visibleToRequester()}), and
 * from them only the one text the kind carries (the public comment, the question, the resolution note); of a
 * security incident only its number and state. Nobody is told of their own action, except the requester of the
 * registration they filed themselves (its number and due time are news to them).
 */
final class TicketNotificationPlan {

    /** The people the plan needs, looked up in the people register and the units' settings. */
    interface Directory {

        /** An active person with an e-mail address; empty for anyone else (system and integration accounts). */
        Optional<Recipient> person(String username);

        /** Where a unit's notifications go: its mailbox, or its active members with an address. */
        List<Recipient> unit(String unitCode);

        /** The unit's head, or the deputy director of a deputy's unit, when known. */
        Optional<String> head(String unitCode);

        /** When the requester's answer is due (the response target), for a registration. */
        Instant answerDue(TicketEventRecorded event);

        /** The text of the requester's comment that answered a question. */
        String requesterReply(TicketEventRecorded event);

        /**
         * Links to the ticket's files that can be downloaded now: with {@code internalToo} false, only those
         * requesters may see.
         */
        List<NotificationContent.AttachmentLink> attachments(TicketEventRecorded event, boolean internalToo);
    }

    /** One recipient and what they are told. */
    record Planned(Recipient recipient, NotificationContent content) {}

    private final TicketEventRecorded event;
    private final Directory directory;
    private final String ticketUrl;
    private final Map<String, Planned> planned = new LinkedHashMap<>();
    private final Map<Boolean, List<NotificationContent.AttachmentLink>> links = new HashMap<>();

    private TicketNotificationPlan(TicketEventRecorded event, Directory directory, String baseUrl) {
        this.event = event;
        this.directory = directory;
        this.ticketUrl = baseUrl + "/tickets/" + event.ticketId();
    }

    /** The notifications of {@code event}: one per address, the first kind planned for it winning. */
    static List<Planned> of(TicketEventRecorded event, Directory directory, String baseUrl) {
        TicketNotificationPlan plan = new TicketNotificationPlan(event, directory, baseUrl);
        plan.decide();
        return new ArrayList<>(plan.planned.values());
    }

    private void decide() {
        TicketEventRecorded.TicketSummary ticket = event.ticket();
        switch (event.type()) {
            case CREATED -> toRequester(NotificationKind.TICKET_REGISTERED, null, directory.answerDue(event), true);
            case COMMENTED -> {
                if (event.actor().kind() != Actor.Kind.REQUESTER && event.comment() != null) {
                    toRequester(NotificationKind.PUBLIC_COMMENT, event.comment(), null, false);
                }
            }
            case WAITING_FOR_REQUESTER -> toRequester(NotificationKind.QUESTION, text("question"), null, false);
            case RESOLVED -> toRequester(NotificationKind.RESOLVED, text("note"), null, false);
            case CLOSED -> toRequester(NotificationKind.CLOSED, null, null, false);
            case ESCALATED -> toUnit(ticket.assignedUnit(), NotificationKind.UNIT_RECEIVED, text("handoverComment"));
            case REASSIGNED -> toUnit(ticket.assignedUnit(), NotificationKind.UNIT_RECEIVED, text("reason"));
            case ASSIGNED -> {
                String assignee = changedTo("assignee");
                if (assignee != null) {
                    toPerson(assignee, NotificationKind.ASSIGNED_TO_YOU, null, null, ticket.assignedUnit());
                }
            }
            case REQUESTER_REPLIED ->
                toAssigneeOrUnit(NotificationKind.REQUESTER_REPLIED, directory.requesterReply(event), null);
            case SLA_WARNING -> toAssigneeOrUnit(NotificationKind.SLA_WARNING, null, instant("dueAt"));
            case SLA_BREACHED -> {
                toAssigneeOrUnit(NotificationKind.SLA_BREACHED, null, instant("dueAt"));
                if (ticket.assignedUnit() != null) {
                    directory
                            .head(ticket.assignedUnit())
                            .ifPresent(head -> toPerson(
                                    head, NotificationKind.UNIT_BREACH, null, instant("dueAt"), ticket.assignedUnit()));
                }
            }
            case REMOTE_HANDS_REQUESTED ->
                toUnit(
                        text("toUnit") == null ? "IT-04-2" : text("toUnit"),
                        NotificationKind.REMOTE_HANDS_REQUESTED,
                        text("description"));
            case ESCALATED_TO_DEPUTY -> {
                String deputy = changedTo("escalatedToDeputy");
                if (deputy != null) {
                    Optional<String> head = directory.head(deputy);
                    if (head.isPresent()) {
                        toPerson(head.get(), NotificationKind.DEPUTY_ESCALATION, text("reason"), null, deputy);
                    } else {
                        toUnit(deputy, NotificationKind.DEPUTY_ESCALATION, text("reason"));
                    }
                }
            }
            case ATTACHMENT_QUARANTINED -> {
                String uploader = text("uploadedBy");
                String what = text("filename") + " (" + text("signature") + ")";
                if (uploader != null && uploader.equals(ticket.requester().username())) {
                    toRequester(NotificationKind.ATTACHMENT_QUARANTINED, what, null, true);
                } else if (uploader != null) {
                    toPerson(uploader, NotificationKind.ATTACHMENT_QUARANTINED, what, null, ticket.assignedUnit());
                }
            }
            default -> {
                // Updates, starts, hand-backs, reopenings, cancellations, remote-hands bookkeeping: nobody is told.
            }
        }
    }

    private void toRequester(NotificationKind kind, String text, Instant dueAt, boolean evenOwnAction) {
        if (!event.visibleToRequester()) {
            return;
        }
        String username = event.ticket().requester().username();
        if (!evenOwnAction && username.equals(event.actor().username())) {
            return;
        }
        directory.person(username).ifPresent(recipient -> {
            boolean security = event.ticket().type() == TicketType.SECURITY_INCIDENT;
            add(
                    recipient,
                    new NotificationContent(
                            kind,
                            recipient.locale(),
                            recipient.displayName(),
                            event.ticketId(),
                            event.ticketNumber(),
                            security ? null : event.ticket().title(),
                            event.ticket().status().name(),
                            security,
                            security ? null : actorName(),
                            security ? null : text,
                            security ? null : dueAt,
                            null,
                            ticketUrl,
                            security ? List.of() : attachments(false),
                            List.of()));
        });
    }

    private void toAssigneeOrUnit(NotificationKind kind, String text, Instant dueAt) {
        String assignee = event.ticket().assignee();
        if (assignee != null) {
            toPerson(assignee, kind, text, dueAt, event.ticket().assignedUnit());
        } else if (event.ticket().assignedUnit() != null) {
            toUnit(event.ticket().assignedUnit(), kind, text, dueAt);
        }
    }

    private void toPerson(String username, NotificationKind kind, String text, Instant dueAt, String unit) {
        if (username.equals(event.actor().username())) {
            return;
        }
        directory.person(username).ifPresent(recipient -> add(recipient, staff(kind, recipient, text, dueAt, unit)));
    }

    private void toUnit(String unitCode, NotificationKind kind, String text) {
        toUnit(unitCode, kind, text, null);
    }

    private void toUnit(String unitCode, NotificationKind kind, String text, Instant dueAt) {
        if (unitCode == null) {
            return;
        }
        for (Recipient recipient : directory.unit(unitCode)) {
            if (recipient.username() == null
                    || !recipient.username().equals(event.actor().username())) {
                add(recipient, staff(kind, recipient, text, dueAt, unitCode));
            }
        }
    }

    private NotificationContent staff(
            NotificationKind kind, Recipient recipient, String text, Instant dueAt, String unit) {
        return new NotificationContent(
                kind,
                recipient.locale(),
                recipient.displayName(),
                event.ticketId(),
                event.ticketNumber(),
                event.ticket().title(),
                event.ticket().status().name(),
                event.ticket().type() == TicketType.SECURITY_INCIDENT,
                actorName(),
                text,
                dueAt,
                unit,
                ticketUrl,
                attachments(true),
                List.of());
    }

    /** The ticket's downloadable files, looked up once per visibility for all of the event's recipients. */
    private List<NotificationContent.AttachmentLink> attachments(boolean internalToo) {
        return links.computeIfAbsent(internalToo, staff -> directory.attachments(event, staff));
    }

    private void add(Recipient recipient, NotificationContent content) {
        planned.putIfAbsent(recipient.email().toLowerCase(Locale.ROOT), new Planned(recipient, content));
    }

    private String actorName() {
        return event.actor().kind() == Actor.Kind.SYSTEM ? null : event.actor().displayName();
    }

    private String text(String key) {
        Object value = event.data().get(key);
        return value == null || value.toString().isBlank() ? null : value.toString();
    }

    private Instant instant(String key) {
        String value = text(key);
        try {
            return value == null ? null : Instant.parse(value);
        } catch (RuntimeException e) {
            return null;
        }
    }

    private String changedTo(String field) {
        TicketEventRecorded.Change change = event.changes().get(field);
        return change == null ? null : change.to();
    }
}
