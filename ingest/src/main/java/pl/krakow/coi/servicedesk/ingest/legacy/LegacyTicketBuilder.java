package pl.krakow.coi.servicedesk.ingest.legacy;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import pl.krakow.coi.servicedesk.ticket.domain.Actor;
import pl.krakow.coi.servicedesk.ticket.domain.Channel;
import pl.krakow.coi.servicedesk.ticket.domain.Comment;
import pl.krakow.coi.servicedesk.ticket.domain.Impact;
import pl.krakow.coi.servicedesk.ticket.domain.Requester;
import pl.krakow.coi.servicedesk.ticket.domain.Resolution;
import pl.krakow.coi.servicedesk.ticket.domain.SupportLine;
import pl.krakow.coi.servicedesk.ticket.domain.Ticket;
import pl.krakow.coi.servicedesk.ticket.domain.TicketStatus;
import pl.krakow.coi.servicedesk.ticket.domain.TicketType;
import pl.krakow.coi.servicedesk.ticket.domain.UnitCode;
import pl.krakow.coi.servicedesk.ticket.domain.Urgency;

/**
 * Turns the updates of one legacy ticket into our ticket and its history: registration at {@code opened_at},
 * then, update by update at its own time, the moves between units (mapped groups: escalation from the
 * first line, reassignment between second-line units, hand-back), assignments, impact and urgency
 * changes, and the state changes (work started, waiting for the requester, resolved, closed, cancelled,
 * reopened). The latest update's state is the ticket's state. Pure domain: the same plan validates a
 * ticket in memory and registers it.
 */
final class LegacyTicketBuilder {

    static final String SYSTEM = "legacy-import";
    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneId.of("Europe/Warsaw"));

    /** What to register and how to replay it. */
    record Plan(Ticket.NewTicket ticket, Actor registrar, Instant openedAt, Consumer<Ticket> history) {}

    private LegacyTicketBuilder() {}

    static Plan plan(List<IncidentUpdate> updates, LegacyOptions options, java.util.Set<String> categories) {
        IncidentUpdate first = updates.get(0);
        IncidentUpdate last = updates.get(updates.size() - 1);
        String number = first.number();
        Instant opened = first.instant("opened_at");
        String caller = first(last.get("caller_id"), first.get("caller_id"), "legacy:unknown");
        String title = first(
                last.get("short_description"),
                first.get("short_description"),
                "Zgłoszenie " + number + describeCategory(last));
        if (title.length() > 200) {
            title = title.substring(0, 200);
        }
        String description = first(
                last.get("description"),
                first.get("description"),
                "Zgłoszenie przeniesione z poprzedniego systemu obsługi (" + number + ")" + describeCategory(last)
                        + ".");
        String category = category(last, options, categories);
        Ticket.NewTicket request = new Ticket.NewTicket(
                TicketType.INCIDENT,
                title,
                description,
                new Requester(caller, caller, Optional.empty()),
                channel(first.get("contact_type")),
                category,
                null,
                impact(first.get("impact")),
                urgency(first.get("urgency")),
                options.referencePrefix() + number);
        Actor registrar = Actor.system(SYSTEM);
        Consumer<Ticket> history = ticket -> {
            Instant clock = opened;
            for (IncidentUpdate update : updates) {
                Instant at = update.updatedAt().isAfter(clock) ? update.updatedAt() : clock;
                clock = at;
                apply(ticket, update, at, options, caller, number);
            }
        };
        return new Plan(request, registrar, opened, history);
    }

    private static void apply(
            Ticket ticket, IncidentUpdate update, Instant at, LegacyOptions options, String caller, String number) {
        String group = update.get("assignment_group");
        String assignee = update.get("assigned_to");
        Actor agent = agent(assignee, ticket);
        LegacyStates.State state = LegacyStates.of(update.get("incident_state"));
        if (ticket.status() == TicketStatus.RESOLVED
                && (state == LegacyStates.State.NEW
                        || state == LegacyStates.State.IN_PROGRESS
                        || state == LegacyStates.State.WAITING_FOR_REQUESTER)) {
            // Set back to work in the old system: reopened first, so that the row's move, assignment and state
            // apply to the reopened ticket.
            ticket.reopen("Ponownie otwarte w poprzednim systemie (" + number + ")", agent, at);
        }
        if (ticket.status().isOpen()) {
            Impact impact = update.get("impact") == null ? ticket.state().impact() : impact(update.get("impact"));
            Urgency urgency = update.get("urgency") == null ? ticket.state().urgency() : urgency(update.get("urgency"));
            if (impact != ticket.state().impact() || urgency != ticket.state().urgency()) {
                ticket.update(new Ticket.TicketUpdate(null, null, null, null, impact, urgency), agent, at);
            }
            String unit = group == null ? null : options.groups().get(group);
            if (unit != null && !unit.equals(ticket.assignedUnit().value())) {
                UnitCode target = new UnitCode(unit);
                String why = "Zgłoszenie " + number + " w poprzednim systemie przekazano grupie " + group + " (" + unit
                        + ") dnia " + TIME.format(at) + "; historia przeniesiona importem.";
                if (target.equals(UnitCode.FIRST_LINE)) {
                    ticket.handBack(why, agent, at);
                } else if (ticket.state().line() == SupportLine.FIRST) {
                    ticket.escalateAsRecorded(target, why, agent, at);
                } else {
                    ticket.reassign(target, why, agent, at);
                }
            }
            if (assignee != null && !assignee.equals(ticket.state().assignee())) {
                ticket.assign(assignee, assignee, agent(assignee, ticket), at);
            }
        }
        TicketStatus status = ticket.status();
        switch (state) {
            case NEW -> {
                // registered, or reopened above
            }
            case IN_PROGRESS -> {
                if (status == TicketStatus.NEW || status == TicketStatus.ASSIGNED) {
                    ticket.startWork(agent(assignee == null ? ticket.state().assignee() : assignee, ticket), at);
                } else if (status == TicketStatus.WAITING_FOR_REQUESTER) {
                    Actor requester = new Actor(caller, caller, Optional.empty(), Actor.Kind.REQUESTER);
                    ticket.comment(
                            "Odpowiedź zgłaszającego zapisana w poprzednim systemie.",
                            Comment.Visibility.PUBLIC,
                            requester,
                            at);
                }
            }
            case WAITING_FOR_REQUESTER -> {
                if (status == TicketStatus.NEW
                        || status == TicketStatus.ASSIGNED
                        || status == TicketStatus.IN_PROGRESS) {
                    ticket.waitForRequester("Oczekiwanie na informacje od zgłaszającego (" + number + ")", agent, at);
                }
            }
            case RESOLVED -> {
                if (status.isOpen()) {
                    resolve(ticket, update, at, agent, number);
                }
            }
            case CLOSED -> {
                if (status.isOpen()) {
                    resolve(ticket, update, at, agent, number);
                }
                if (ticket.status() == TicketStatus.RESOLVED) {
                    ticket.close(
                            agent,
                            later(update.instant("closed_at"), ticket.state().resolvedAt(), at));
                }
            }
            case CANCELLED -> {
                if (status.isOpen()) {
                    ticket.cancel("Anulowane w poprzednim systemie (" + number + ")", agent, at);
                }
            }
            case UNCHANGED -> {
                // nothing to do
            }
        }
    }

    private static void resolve(Ticket ticket, IncidentUpdate update, Instant at, Actor agent, String number) {
        String note = first(
                update.get("close_notes"),
                null,
                "Rozwiązane w poprzednim systemie obsługi (" + number + "); szczegóły w historii.");
        if (note.strip().length() < 10) {
            note = note + " (" + number + ")";
        }
        Instant resolvedAt = later(update.instant("resolved_at"), ticket.state().updatedAt(), at);
        ticket.resolve(Resolution.FIXED, note, agent, resolvedAt);
    }

    /** {@code preferred} when it is not before {@code floor}; else {@code fallback} (never before the floor). */
    private static Instant later(Instant preferred, Instant floor, Instant fallback) {
        Instant candidate = preferred != null ? preferred : fallback;
        return floor != null && candidate.isBefore(floor) ? floor : candidate;
    }

    private static Actor agent(String assignee, Ticket ticket) {
        if (assignee == null) {
            return Actor.system(SYSTEM);
        }
        return new Actor(assignee, assignee, Optional.of(ticket.assignedUnit()), Actor.Kind.AGENT);
    }

    private static String category(IncidentUpdate update, LegacyOptions options, java.util.Set<String> known) {
        String category = update.get("category");
        if (category == null) {
            return null;
        }
        String sub = update.get("subcategory");
        String code = sub == null ? null : options.categories().get(category + "/" + sub);
        if (code == null) {
            code = options.categories().get(category);
        }
        return code != null && known.contains(code) ? code : null;
    }

    private static String describeCategory(IncidentUpdate update) {
        String category = update.get("category");
        String sub = update.get("subcategory");
        if (category == null) {
            return "";
        }
        return " (" + category + (sub == null ? "" : " / " + sub) + ")";
    }

    static Channel channel(String contactType) {
        if (contactType == null) {
            return Channel.API;
        }
        String value = contactType.toLowerCase(Locale.ROOT);
        if (value.contains("phone") || value.contains("telefon")) {
            return Channel.PHONE;
        }
        if (value.contains("mail")) {
            return Channel.EMAIL;
        }
        if (value.contains("self") || value.contains("portal") || value.contains("web")) {
            return Channel.PORTAL;
        }
        if (value.contains("monitor") || value.contains("event") || value.contains("alert")) {
            return Channel.MONITORING;
        }
        return Channel.API;
    }

    /** 1 (high) to 3 (low), from {@code "1 - High"}, {@code "2"}, {@code "Low"}; null when unreadable. */
    static Integer level(String value) {
        if (value == null) {
            return null;
        }
        String v = value.strip().toLowerCase(Locale.ROOT);
        if (v.startsWith("1") || v.contains("high") || v.contains("wysok")) {
            return 1;
        }
        if (v.startsWith("2") || v.contains("medium") || v.contains("średn") || v.contains("sredn")) {
            return 2;
        }
        if (v.startsWith("3") || v.contains("low") || v.contains("nisk")) {
            return 3;
        }
        return null;
    }

    static Impact impact(String value) {
        Integer level = level(value);
        return level == null ? null : Impact.values()[level - 1];
    }

    static Urgency urgency(String value) {
        Integer level = level(value);
        return level == null ? null : Urgency.values()[level - 1];
    }

    @SafeVarargs
    private static <T> T first(T... values) {
        for (T value : values) {
            if (value != null) {
                return value;
            }
        }
        return null;
    }

    static boolean same(Object a, Object b) {
        return Objects.equals(a, b);
    }
}
