package pl.krakow.coi.servicedesk.ticket;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import pl.krakow.coi.servicedesk.outbox.Outbox;
import pl.krakow.coi.servicedesk.ticket.domain.Actor;
import pl.krakow.coi.servicedesk.ticket.domain.Channel;
import pl.krakow.coi.servicedesk.ticket.domain.Comment;
import pl.krakow.coi.servicedesk.ticket.domain.Impact;
import pl.krakow.coi.servicedesk.ticket.domain.Priority;
import pl.krakow.coi.servicedesk.ticket.domain.Requester;
import pl.krakow.coi.servicedesk.ticket.domain.Resolution;
import pl.krakow.coi.servicedesk.ticket.domain.SupportLine;
import pl.krakow.coi.servicedesk.ticket.domain.Ticket;
import pl.krakow.coi.servicedesk.ticket.domain.TicketEvent;
import pl.krakow.coi.servicedesk.ticket.domain.TicketNumber;
import pl.krakow.coi.servicedesk.ticket.domain.TicketState;
import pl.krakow.coi.servicedesk.ticket.domain.TicketStatus;
import pl.krakow.coi.servicedesk.ticket.domain.TicketType;
import pl.krakow.coi.servicedesk.ticket.domain.UnitCode;
import pl.krakow.coi.servicedesk.ticket.domain.Urgency;
import tools.jackson.databind.json.JsonMapper;

/**
 * Stores tickets: the state row, the appended events and comments, and an outbox row, all in the
 * caller's transaction. Updates check the version (optimistic locking); actions load the row with
 * {@code FOR UPDATE} so that concurrent actions on one ticket run one after the other.
 */
@Repository
class Tickets {

    static final String COLUMNS = "id, number, type, title, description, requester_username, requester_name,"
            + " requester_unit, channel, category_code, configuration_item_id, impact, urgency, priority, status,"
            + " support_line, assigned_unit, assignee, assignee_name, resolution, resolution_note, resolved_by_unit,"
            + " resolved_by_line, escalated_to_deputy, created_at, updated_at, first_response_at, resolved_at,"
            + " closed_at, reopen_count, reassignment_count, escalation_count, handled_by_units, external_reference,"
            + " version";

    static final RowMapper<TicketState> ROW = Tickets::mapRow;

    private final JdbcClient jdbc;
    private final Outbox outbox;
    private final JsonMapper json;
    // Resolved once: every event read (a reindex reads millions) parses its changes and data with these.
    private final tools.jackson.databind.JavaType changesType;
    private final tools.jackson.databind.JavaType dataType;

    Tickets(JdbcClient jdbc, Outbox outbox, JsonMapper json) {
        this.jdbc = jdbc;
        this.outbox = outbox;
        this.json = json;
        this.changesType = json.getTypeFactory().constructMapType(Map.class, String.class, Map.class);
        this.dataType = json.getTypeFactory().constructMapType(Map.class, String.class, Object.class);
    }

    public Optional<Ticket> find(long id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM ticket WHERE id = :id")
                .param("id", id)
                .query(ROW)
                .optional()
                .map(Ticket::restore);
    }

    /** The ticket with this number, or that had it before it was reclassified. */
    public Optional<Ticket> findByNumber(String number) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM ticket WHERE number = :number UNION ALL SELECT " + COLUMNS
                        + " FROM ticket WHERE id = (SELECT ticket_id FROM ticket_former_number WHERE number = :number)")
                .param("number", number)
                .query(ROW)
                .optional()
                .map(Ticket::restore);
    }

    public Optional<Ticket> findByExternalReference(String reference) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM ticket WHERE external_reference = :ref")
                .param("ref", reference)
                .query(ROW)
                .optional()
                .map(Ticket::restore);
    }

    /** The current state of several tickets (bulk readers: the search index); unknown ids are left out. */
    public List<TicketState> findAll(java.util.Collection<Long> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("SELECT " + COLUMNS + " FROM ticket WHERE id IN (:ids)")
                .param("ids", ids)
                .query(ROW)
                .list();
    }

    /** The comments of several tickets, oldest first, by ticket id (bulk readers: the search index). */
    public Map<Long, List<Comment>> comments(java.util.Collection<Long> ticketIds) {
        Map<Long, List<Comment>> byTicket = new java.util.HashMap<>();
        if (ticketIds.isEmpty()) {
            return byTicket;
        }
        jdbc.sql("SELECT * FROM ticket_comment WHERE ticket_id IN (:ids) ORDER BY ticket_id, id")
                .param("ids", ticketIds)
                .query((rs, row) -> byTicket.computeIfAbsent(rs.getLong("ticket_id"), id -> new java.util.ArrayList<>())
                        .add(new Comment(
                                rs.getLong("id"),
                                new Actor(
                                        rs.getString("author"),
                                        rs.getString("author_name"),
                                        Ticket.unit(rs.getString("author_unit")),
                                        Actor.Kind.valueOf(rs.getString("author_kind"))),
                                Comment.Visibility.valueOf(rs.getString("visibility")),
                                rs.getString("body"),
                                rs.getTimestamp("created_at").toInstant())))
                .list();
        return byTicket;
    }

    /** Loads and locks the ticket's row until the transaction ends. */
    @Transactional(propagation = Propagation.MANDATORY)
    public Optional<Ticket> lock(long id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM ticket WHERE id = :id FOR UPDATE")
                .param("id", id)
                .query(ROW)
                .optional()
                .map(Ticket::restore);
    }

    /** The next number for a ticket of this type registered in {@code year}. */
    public TicketNumber nextNumber(TicketType type, int year) {
        long sequence = jdbc.sql("SELECT nextval('ticket_seq_" + type.prefix().toLowerCase() + "')")
                .query(Long.class)
                .single();
        return TicketNumber.of(type, year, sequence);
    }

    /**
     * Inserts a new ticket, or stores the changes of a loaded one; appends its pending events and comments.
     * Returns the events it appended, with their ids and sequence numbers.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public List<StoredEvent> save(Ticket ticket) {
        TicketState s = ticket.state();
        long id;
        long version;
        if (s.id() == null) {
            id = jdbc.sql("INSERT INTO ticket (" + COLUMNS.substring("id, ".length())
                            + ") VALUES (:number, :type, :title,"
                            + " :description, :requesterUsername, :requesterName, :requesterUnit, :channel,"
                            + " :category, :ci, :impact, :urgency, :priority, :status, :line, :unit, :assignee,"
                            + " :assigneeName, :resolution, :resolutionNote, :resolvedByUnit, :resolvedByLine,"
                            + " :deputy, :createdAt, :updatedAt, :firstResponseAt, :resolvedAt, :closedAt, :reopens,"
                            + " :reassignments, :escalations, :handledBy, :externalReference, 0) RETURNING id")
                    .paramSource(params(s))
                    .query(Long.class)
                    .single();
            version = 0;
        } else {
            int updated = jdbc.sql("""
                            UPDATE ticket SET number = :number, type = :type, title = :title, description = :description,
                                category_code = :category, configuration_item_id = :ci, impact = :impact,
                                urgency = :urgency, priority = :priority, status = :status, support_line = :line,
                                assigned_unit = :unit, assignee = :assignee, assignee_name = :assigneeName,
                                resolution = :resolution, resolution_note = :resolutionNote,
                                resolved_by_unit = :resolvedByUnit, resolved_by_line = :resolvedByLine,
                                escalated_to_deputy = :deputy, updated_at = :updatedAt,
                                first_response_at = :firstResponseAt, resolved_at = :resolvedAt,
                                closed_at = :closedAt, reopen_count = :reopens, reassignment_count = :reassignments,
                                escalation_count = :escalations, handled_by_units = :handledBy,
                                version = version + 1
                            WHERE id = :id AND version = :version
                            """)
                    .paramSource(params(s).addValue("id", s.id()).addValue("version", s.version()))
                    .update();
            if (updated == 0) {
                throw new OptimisticLockingFailureException("Ticket " + s.number() + " changed meanwhile");
            }
            id = s.id();
            version = s.version() + 1;
        }
        List<TicketEvent> events = ticket.pendingEvents();
        for (TicketEvent event : events) {
            TicketEvent.Change renumbered = event.changes().get("number");
            if (renumbered != null && renumbered.from() != null) {
                jdbc.sql("INSERT INTO ticket_former_number (number, ticket_id) VALUES (:number, :id)")
                        .param("number", renumbered.from())
                        .param("id", id)
                        .update();
            }
        }
        List<StoredEvent> stored = List.of();
        if (!events.isEmpty()) {
            // A new ticket has no events yet: its first is number 1, without asking the database.
            stored = appendEvents(id, events, s.id() == null ? 0 : lastEventSeq(id));
        }
        appendComments(id, ticket.pendingComments());
        outbox.record(Outbox.TICKET, id);
        ticket.saved(id, version);
        return stored;
    }

    private int lastEventSeq(long ticketId) {
        // Safe against concurrent appends: the caller holds the ticket's row lock (its versioned UPDATE).
        return jdbc.sql("SELECT coalesce(max(seq), 0) FROM ticket_event WHERE ticket_id = :id")
                .param("id", ticketId)
                .query(Integer.class)
                .single();
    }

    private List<StoredEvent> appendEvents(long ticketId, List<TicketEvent> events, int lastSeq) {
        List<StoredEvent> stored = new java.util.ArrayList<>(events.size());
        int seq = lastSeq;
        for (TicketEvent event : events) {
            long eventId = jdbc.sql("""
                            INSERT INTO ticket_event (ticket_id, seq, type, actor, actor_name, actor_unit, actor_kind,
                                occurred_at, changes, data)
                            VALUES (:ticket, :seq, :type, :actor, :actorName, :actorUnit, :actorKind, :at,
                                cast(:changes AS jsonb), cast(:data AS jsonb))
                            RETURNING id
                            """)
                    .param("ticket", ticketId)
                    .param("seq", ++seq)
                    .param("type", event.type().name())
                    .param("actor", event.actor().username())
                    .param("actorName", event.actor().displayName())
                    .param(
                            "actorUnit",
                            event.actor().unit().map(UnitCode::value).orElse(null))
                    .param("actorKind", event.actor().kind().name())
                    .param("at", Timestamp.from(event.occurredAt()))
                    .param("changes", json.writeValueAsString(event.changes()))
                    .param("data", json.writeValueAsString(event.data()))
                    .query(Long.class)
                    .single();
            stored.add(new StoredEvent(eventId, seq, event));
        }
        return stored;
    }

    private void appendComments(long ticketId, List<Comment> comments) {
        for (Comment comment : comments) {
            jdbc.sql("""
                            INSERT INTO ticket_comment (ticket_id, author, author_name, author_unit, author_kind,
                                visibility, body, created_at)
                            VALUES (:ticket, :author, :authorName, :authorUnit, :authorKind, :visibility, :body, :at)
                            """)
                    .param("ticket", ticketId)
                    .param("author", comment.author().username())
                    .param("authorName", comment.author().displayName())
                    .param(
                            "authorUnit",
                            comment.author().unit().map(UnitCode::value).orElse(null))
                    .param("authorKind", comment.author().kind().name())
                    .param("visibility", comment.visibility().name())
                    .param("body", comment.body())
                    .param("at", Timestamp.from(comment.createdAt()))
                    .update();
        }
    }

    /** The ticket's history, oldest first. */
    public List<StoredEvent> events(long ticketId) {
        return jdbc.sql("SELECT * FROM ticket_event WHERE ticket_id = :id ORDER BY seq")
                .param("id", ticketId)
                .query((rs, row) -> new StoredEvent(rs.getLong("id"), rs.getInt("seq"), event(rs)))
                .list();
    }

    /** The ticket's events, oldest first, without their stored identities. */
    public List<TicketEvent> history(long ticketId) {
        return events(ticketId).stream().map(StoredEvent::event).toList();
    }

    private TicketEvent event(ResultSet rs) throws SQLException {
        return new TicketEvent(
                pl.krakow.coi.servicedesk.ticket.domain.TicketEventType.valueOf(rs.getString("type")),
                new Actor(
                        rs.getString("actor"),
                        rs.getString("actor_name"),
                        Ticket.unit(rs.getString("actor_unit")),
                        Actor.Kind.valueOf(rs.getString("actor_kind"))),
                rs.getTimestamp("occurred_at").toInstant(),
                readChanges(rs.getString("changes")),
                readData(rs.getString("data")));
    }

    /**
     * The histories of several tickets, oldest event first, by ticket id (bulk readers: the search
     * index, SLA and KPI figures of a batch); one query for the whole batch.
     */
    public Map<Long, List<TicketEvent>> events(java.util.Collection<Long> ticketIds) {
        Map<Long, List<TicketEvent>> byTicket = new java.util.HashMap<>();
        if (ticketIds.isEmpty()) {
            return byTicket;
        }
        jdbc.sql("SELECT * FROM ticket_event WHERE ticket_id IN (:ids) ORDER BY ticket_id, seq")
                .param("ids", ticketIds)
                .query((rs, row) -> byTicket.computeIfAbsent(rs.getLong("ticket_id"), id -> new java.util.ArrayList<>())
                        .add(event(rs)))
                .list();
        return byTicket;
    }

    /** The ticket's comments, oldest first. */
    public List<Comment> comments(long ticketId) {
        return jdbc.sql("SELECT * FROM ticket_comment WHERE ticket_id = :id ORDER BY id")
                .param("id", ticketId)
                .query((rs, row) -> new Comment(
                        rs.getLong("id"),
                        new Actor(
                                rs.getString("author"),
                                rs.getString("author_name"),
                                Ticket.unit(rs.getString("author_unit")),
                                Actor.Kind.valueOf(rs.getString("author_kind"))),
                        Comment.Visibility.valueOf(rs.getString("visibility")),
                        rs.getString("body"),
                        rs.getTimestamp("created_at").toInstant()))
                .list();
    }

    private Map<String, TicketEvent.Change> readChanges(String text) {
        Map<String, Map<String, String>> raw = json.readValue(text, changesType);
        return raw.entrySet().stream()
                .collect(Collectors.toMap(
                        Map.Entry::getKey,
                        e -> new TicketEvent.Change(
                                e.getValue().get("from"), e.getValue().get("to"))));
    }

    private Map<String, Object> readData(String text) {
        if (text == null || text.equals("{}")) {
            return Map.of();
        }
        return json.readValue(text, dataType);
    }

    private static org.springframework.jdbc.core.namedparam.MapSqlParameterSource params(TicketState s) {
        return new org.springframework.jdbc.core.namedparam.MapSqlParameterSource()
                .addValue("number", s.number().value())
                .addValue("type", s.type().name())
                .addValue("title", s.title())
                .addValue("description", s.description())
                .addValue("requesterUsername", s.requester().username())
                .addValue("requesterName", s.requester().displayName())
                .addValue(
                        "requesterUnit",
                        s.requester().customerUnit().map(UnitCode::value).orElse(null))
                .addValue("channel", s.channel().name())
                .addValue("category", s.categoryCode())
                .addValue("ci", s.configurationItemId())
                .addValue("impact", s.impact().name())
                .addValue("urgency", s.urgency().name())
                .addValue("priority", s.priority().name())
                .addValue("status", s.status().name())
                .addValue("line", s.line().name())
                .addValue("unit", s.assignedUnit().value())
                .addValue("assignee", s.assignee())
                .addValue("assigneeName", s.assigneeName())
                .addValue(
                        "resolution",
                        s.resolution() == null ? null : s.resolution().name())
                .addValue("resolutionNote", s.resolutionNote())
                .addValue(
                        "resolvedByUnit",
                        s.resolvedByUnit() == null ? null : s.resolvedByUnit().value())
                .addValue(
                        "resolvedByLine",
                        s.resolvedByLine() == null ? null : s.resolvedByLine().name())
                .addValue(
                        "deputy",
                        s.escalatedToDeputy() == null
                                ? null
                                : s.escalatedToDeputy().value())
                .addValue("createdAt", ts(s.createdAt()))
                .addValue("updatedAt", ts(s.updatedAt()))
                .addValue("firstResponseAt", ts(s.firstResponseAt()))
                .addValue("resolvedAt", ts(s.resolvedAt()))
                .addValue("closedAt", ts(s.closedAt()))
                .addValue("reopens", s.reopenCount())
                .addValue("reassignments", s.reassignmentCount())
                .addValue("escalations", s.escalationCount())
                .addValue(
                        "handledBy",
                        s.handledBy().stream().map(UnitCode::value).sorted().toArray(String[]::new))
                .addValue("externalReference", s.externalReference());
    }

    private static Timestamp ts(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp value = rs.getTimestamp(column);
        return value == null ? null : value.toInstant();
    }

    private static UnitCode unitCode(ResultSet rs, String column) throws SQLException {
        String value = rs.getString(column);
        return value == null ? null : new UnitCode(value);
    }

    static TicketState mapRow(ResultSet rs, int row) throws SQLException {
        Array handled = rs.getArray("handled_by_units");
        Set<UnitCode> handledBy = new LinkedHashSet<>();
        Arrays.stream((String[]) handled.getArray()).map(UnitCode::new).forEach(handledBy::add);
        Long ci = rs.getObject("configuration_item_id", Long.class);
        String resolution = rs.getString("resolution");
        String resolvedByLine = rs.getString("resolved_by_line");
        return new TicketState(
                rs.getLong("id"),
                new TicketNumber(rs.getString("number")),
                TicketType.valueOf(rs.getString("type")),
                rs.getString("title"),
                rs.getString("description"),
                new Requester(
                        rs.getString("requester_username"),
                        rs.getString("requester_name"),
                        Ticket.unit(rs.getString("requester_unit"))),
                Channel.valueOf(rs.getString("channel")),
                rs.getString("category_code"),
                ci,
                Impact.valueOf(rs.getString("impact")),
                Urgency.valueOf(rs.getString("urgency")),
                Priority.valueOf(rs.getString("priority")),
                TicketStatus.valueOf(rs.getString("status")),
                SupportLine.valueOf(rs.getString("support_line")),
                new UnitCode(rs.getString("assigned_unit")),
                rs.getString("assignee"),
                rs.getString("assignee_name"),
                resolution == null ? null : Resolution.valueOf(resolution),
                rs.getString("resolution_note"),
                unitCode(rs, "resolved_by_unit"),
                resolvedByLine == null ? null : SupportLine.valueOf(resolvedByLine),
                unitCode(rs, "escalated_to_deputy"),
                instant(rs, "created_at"),
                instant(rs, "updated_at"),
                instant(rs, "first_response_at"),
                instant(rs, "resolved_at"),
                instant(rs, "closed_at"),
                rs.getInt("reopen_count"),
                rs.getInt("reassignment_count"),
                rs.getInt("escalation_count"),
                handledBy,
                rs.getString("external_reference"),
                rs.getLong("version"));
    }

    /** An event as stored: with its id and sequence number within the ticket. */
    public record StoredEvent(long id, int seq, TicketEvent event) {}
}
