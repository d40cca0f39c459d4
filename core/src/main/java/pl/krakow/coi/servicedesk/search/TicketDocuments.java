package pl.krakow.coi.servicedesk.search;

import static pl.krakow.coi.servicedesk.search.TicketFields.*;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Component;
import pl.krakow.coi.servicedesk.text.PolishText;
import pl.krakow.coi.servicedesk.ticket.TicketLookup;
import pl.krakow.coi.servicedesk.ticket.domain.Comment;
import pl.krakow.coi.servicedesk.ticket.domain.TicketState;
import pl.krakow.coi.servicedesk.ticket.domain.UnitCode;

/**
 * Builds the documents of a batch of tickets from PostgreSQL: two queries per batch (states,
 * comments), the Polish analysis of the text, then each {@link TicketDocumentContributor}.
 */
@Component
class TicketDocuments {

    private final TicketLookup tickets;
    private final List<TicketDocumentContributor> contributors;
    private final Map<String, SearchFieldType> contributedFields;
    private final Set<String> declared;

    TicketDocuments(TicketLookup tickets, List<TicketDocumentContributor> contributors) {
        this.tickets = tickets;
        this.contributors = List.copyOf(contributors);
        this.contributedFields = contributedFields(this.contributors);
        this.declared = TicketIndexMapping.declared(contributedFields);
    }

    /** The fields of every contributor, checked for clashes with each other and with the base fields. */
    Map<String, SearchFieldType> contributedFields() {
        return contributedFields;
    }

    /** The documents of the tickets with these ids, in no particular order; unknown ids are left out. */
    List<TicketDocument> load(Collection<Long> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        List<TicketState> states = tickets.states(ids);
        Map<Long, List<Comment>> comments = tickets.comments(ids);
        List<TicketDocument.Builder> builders = new ArrayList<>(states.size());
        for (TicketState state : states) {
            List<Comment> publicComments = comments.getOrDefault(state.id(), List.of()).stream()
                    .filter(c -> c.visibility() == Comment.Visibility.PUBLIC)
                    .toList();
            TicketDocument.Builder builder = new TicketDocument.Builder(state, publicComments, declared);
            base(builder);
            builders.add(builder);
        }
        for (TicketDocumentContributor contributor : contributors) {
            contributor.contribute(builders);
        }
        return builders.stream().map(TicketDocument.Builder::build).toList();
    }

    /** Documents built, and the tickets whose document could not be built, with the reason. */
    record Built(List<TicketDocument> documents, Map<Long, RuntimeException> unbuilt) {}

    /**
     * The documents of {@code ids}; when building them fails for a reason other than the database, they are
     * built one ticket at a time and the tickets whose document cannot be built (a bug or bad data in one
     * ticket) are returned apart, so that one broken ticket never holds back the others. A database failure
     * is thrown: the caller retries.
     */
    Built loadSettingAsideUnbuilt(Collection<Long> ids) {
        try {
            return new Built(load(ids), Map.of());
        } catch (DataAccessException e) {
            throw e;
        } catch (RuntimeException batchFailed) {
            List<TicketDocument> documents = new ArrayList<>();
            Map<Long, RuntimeException> unbuilt = new LinkedHashMap<>();
            for (Long id : ids) {
                try {
                    documents.addAll(load(List.of(id)));
                } catch (DataAccessException e) {
                    throw e;
                } catch (RuntimeException e) {
                    unbuilt.put(id, e);
                }
            }
            return new Built(documents, unbuilt);
        }
    }

    /** The search capability's own fields of a ticket. */
    static void base(TicketDocument.Builder document) {
        TicketState t = document.ticket();
        List<String> commentBodies =
                document.publicComments().stream().map(Comment::body).toList();
        document.set(ID, t.id())
                .set(NUMBER, t.number().value())
                .set(VERSION, t.version())
                .set(TYPE, t.type().name())
                .set(STATUS, t.status().name())
                .set(OPEN, t.status().isOpen())
                .set(PRIORITY, t.priority().name())
                .set(IMPACT, t.impact().name())
                .set(URGENCY, t.urgency().name())
                .set(CHANNEL, t.channel().name())
                .set(LINE, t.line().name())
                .set(CATEGORY, t.categoryCode())
                .set(ASSIGNED_UNIT, t.assignedUnit().value())
                .set(ASSIGNEE, t.assignee())
                .set(ASSIGNEE_NAME, t.assigneeName())
                .set(REQUESTER, t.requester().username())
                .set(REQUESTER_NAME, t.requester().displayName())
                .set(
                        CUSTOMER_UNIT,
                        t.requester().customerUnit().map(UnitCode::value).orElse(null))
                .set(CONFIGURATION_ITEM, t.configurationItemId())
                .set(
                        HANDLED_BY,
                        t.handledBy().stream().map(UnitCode::value).sorted().toList())
                .set(RESOLUTION, t.resolution() == null ? null : t.resolution().name())
                .set(
                        RESOLVED_BY_UNIT,
                        t.resolvedByUnit() == null ? null : t.resolvedByUnit().value())
                .set(
                        RESOLVED_BY_LINE,
                        t.resolvedByLine() == null ? null : t.resolvedByLine().name())
                .set(
                        ESCALATED_TO_DEPUTY,
                        t.escalatedToDeputy() == null
                                ? null
                                : t.escalatedToDeputy().value())
                .set(EXTERNAL_REFERENCE, t.externalReference())
                .set(CREATED_AT, t.createdAt())
                .set(UPDATED_AT, t.updatedAt())
                .set(FIRST_RESPONSE_AT, t.firstResponseAt())
                .set(RESOLVED_AT, t.resolvedAt())
                .set(CLOSED_AT, t.closedAt())
                .set(MINUTES_TO_FIRST_RESPONSE, minutes(t.createdAt(), t.firstResponseAt()))
                .set(MINUTES_TO_RESOLVE, minutes(t.createdAt(), t.resolvedAt()))
                .set(REOPEN_COUNT, t.reopenCount())
                .set(REASSIGNMENT_COUNT, t.reassignmentCount())
                .set(ESCALATION_COUNT, t.escalationCount())
                .set(PUBLIC_COMMENT_COUNT, commentBodies.size())
                .set(TITLE, t.title())
                .set(DESCRIPTION, t.description())
                .set(RESOLUTION_NOTE, t.resolutionNote())
                .set(COMMENTS, commentBodies.isEmpty() ? null : commentBodies)
                .set(TITLE_TERMS, terms(t.title()))
                .set(DESCRIPTION_TERMS, terms(t.description()))
                .set(COMMENT_TERMS, commentBodies.isEmpty() ? null : terms(String.join("\n", commentBodies)))
                .set(RESOLUTION_TERMS, terms(t.resolutionNote()))
                .set(IDENTIFIERS, identifiers(t, commentBodies));
    }

    private static String terms(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        return String.join(" ", PolishText.terms(text));
    }

    private static List<String> identifiers(TicketState t, List<String> comments) {
        Set<String> identifiers = new LinkedHashSet<>();
        identifiers.add(t.number().value());
        if (t.externalReference() != null) {
            identifiers.add(t.externalReference().toUpperCase(java.util.Locale.ROOT));
        }
        identifiers.addAll(PolishText.identifiers(t.title()));
        identifiers.addAll(PolishText.identifiers(t.description()));
        identifiers.addAll(PolishText.identifiers(t.resolutionNote()));
        comments.forEach(c -> identifiers.addAll(PolishText.identifiers(c)));
        return List.copyOf(identifiers);
    }

    private static Long minutes(Instant from, Instant to) {
        return from == null || to == null ? null : Duration.between(from, to).toMinutes();
    }

    private static Map<String, SearchFieldType> contributedFields(List<TicketDocumentContributor> contributors) {
        Map<String, SearchFieldType> fields = new LinkedHashMap<>();
        Set<String> base = TicketIndexMapping.baseFields().keySet();
        for (TicketDocumentContributor contributor : contributors) {
            contributor.fields().forEach((name, type) -> {
                // The SLA state is declared by search (null until the SLA capability fills it).
                if (base.contains(name) && !(name.equals(SLA_STATE) && type == SearchFieldType.KEYWORD)) {
                    throw new IllegalStateException(contributor.getClass().getName() + " declares " + name
                            + ", a field of the ticket document itself");
                }
                SearchFieldType previous = fields.putIfAbsent(name, type);
                if (previous != null && previous != type) {
                    throw new IllegalStateException("Two contributors declare field " + name + " with types "
                            + previous + " and " + type + ": "
                            + contributors.stream()
                                    .map(c -> c.getClass().getSimpleName())
                                    .collect(Collectors.joining(", ")));
                }
            });
        }
        fields.keySet().removeAll(base);
        return fields;
    }
}
