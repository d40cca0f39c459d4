package pl.krakow.coi.servicedesk.ingest.alert;

import io.micrometer.core.instrument.MeterRegistry;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;
import pl.krakow.coi.servicedesk.cmdb.domain.CmdbRuleViolation;
import pl.krakow.coi.servicedesk.cmdb.domain.DeviceIdentity;
import pl.krakow.coi.servicedesk.platform.ServiceDeskException;
import pl.krakow.coi.servicedesk.routing.RoutingService;
import pl.krakow.coi.servicedesk.routing.RoutingSuggestions;
import pl.krakow.coi.servicedesk.ticket.TicketService;
import pl.krakow.coi.servicedesk.ticket.domain.Actor;
import pl.krakow.coi.servicedesk.ticket.domain.Channel;
import pl.krakow.coi.servicedesk.ticket.domain.Impact;
import pl.krakow.coi.servicedesk.ticket.domain.Priority;
import pl.krakow.coi.servicedesk.ticket.domain.Requester;
import pl.krakow.coi.servicedesk.ticket.domain.Ticket;
import pl.krakow.coi.servicedesk.ticket.domain.TicketStatus;
import pl.krakow.coi.servicedesk.ticket.domain.TicketType;
import pl.krakow.coi.servicedesk.ticket.domain.UnitCode;
import pl.krakow.coi.servicedesk.ticket.domain.Urgency;
import tools.jackson.databind.json.JsonMapper;

/**
 * Turns Alertmanager notifications into incidents, one per alert (fingerprint) and episode:
 *
 * <ul>
 *   <li>A firing alert with no incident opens one at the first line (§8.2a), on the CI its {@code host} or
 *       {@code instance} label names, priority from its {@code severity}; the routing suggestion (the CI's
 *       supporting unit first) is recorded on it; escalation is the first line's unless
 *       {@code alerts.auto-escalate}.
 *   <li>The same alert notified again updates its open incident (counted), never opens another.
 *   <li>An alert firing again within {@code alerts.flap-grace} after it resolved reopens (or annotates) the
 *       same incident: a flapping alert makes no ticket storm. If that incident was closed or cancelled
 *       meanwhile, a new incident opens that names it ({@code follows_ticket_id}, and its description).
 *   <li>With {@code alerts.auto-escalate}, a new incident is escalated through the same guard as an agent's
 *       escalation, with a handover comment composed from the alert's facts; if refused, it stays at the
 *       first line with a note saying why.
 *   <li>A resolved alert resolves its incident or annotates it ({@code alerts.resolved-action}).
 * </ul>
 *
 * Notifications of one alert are serialised across replicas by a PostgreSQL advisory lock.
 */
@Service
class AlertIncidents {

    static final Actor MONITORING = Actor.system("alertmanager");

    /** What one alert did. */
    record Outcome(String fingerprint, String action, long ticketId) {}

    private final TicketService tickets;
    private final RoutingService routing;
    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final TransactionTemplate transaction;
    private final AlertProperties properties;
    private final Clock clock;
    private final MeterRegistry registry;
    /** A savepoint within the alert's transaction, so that a refused escalation leaves the incident open. */
    private final TransactionTemplate savepoint;

    AlertIncidents(
            TicketService tickets,
            RoutingService routing,
            JdbcClient jdbc,
            JsonMapper json,
            TransactionTemplate transaction,
            AlertProperties properties,
            Clock clock,
            MeterRegistry registry) {
        this.tickets = tickets;
        this.routing = routing;
        this.jdbc = jdbc;
        this.json = json;
        this.transaction = transaction;
        this.properties = properties;
        this.clock = clock;
        this.registry = registry;
        this.savepoint = new TransactionTemplate(transaction.getTransactionManager());
        this.savepoint.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
    }

    List<Outcome> receive(AlertmanagerPayload payload) {
        List<Outcome> outcomes = new ArrayList<>();
        for (AlertmanagerPayload.Alert alert :
                payload.alerts() == null ? List.<AlertmanagerPayload.Alert>of() : payload.alerts()) {
            if (alert.fingerprint() == null || alert.fingerprint().isBlank() || alert.label("alertname") == null) {
                continue;
            }
            Outcome outcome = transaction.execute(status -> handle(alert));
            if (outcome != null) {
                registry.counter("servicedesk.ingest.alerts", "action", outcome.action())
                        .increment();
                outcomes.add(outcome);
            }
        }
        return outcomes;
    }

    private record Open(long id, long ticketId, String state, Instant resolvedAt) {}

    private Outcome handle(AlertmanagerPayload.Alert alert) {
        String fingerprint = alert.fingerprint();
        jdbc.sql("SELECT pg_advisory_xact_lock(hashtext('servicedesk.alert:' || :fp))")
                .param("fp", fingerprint)
                .query()
                .singleRow();
        Optional<Open> latest = jdbc.sql("""
                        SELECT id, ticket_id, state, resolved_at FROM alert_incident WHERE fingerprint = :fp
                        ORDER BY id DESC LIMIT 1
                        """)
                .param("fp", fingerprint)
                .query((rs, n) -> new Open(
                        rs.getLong("id"),
                        rs.getLong("ticket_id"),
                        rs.getString("state"),
                        rs.getTimestamp("resolved_at") == null
                                ? null
                                : rs.getTimestamp("resolved_at").toInstant()))
                .optional();
        Instant now = clock.instant();
        if (alert.firing()) {
            if (latest.isPresent() && latest.get().state().equals("FIRING")) {
                jdbc.sql("""
                                UPDATE alert_incident SET notifications = notifications + 1, last_firing_at = :now,
                                    severity = :severity, updated_at = :now WHERE id = :id
                                """)
                        .param("now", Timestamp.from(now))
                        .param("severity", alert.label("severity"))
                        .param("id", latest.get().id())
                        .update();
                return new Outcome(fingerprint, "REPEATED", latest.get().ticketId());
            }
            if (latest.isPresent()
                    && latest.get().resolvedAt() != null
                    && Duration.between(latest.get().resolvedAt(), now).compareTo(properties.flapGrace()) <= 0) {
                long ticketId = latest.get().ticketId();
                Previous previous = previous(latest.get());
                if (previous.status() == TicketStatus.CLOSED || previous.status() == TicketStatus.CANCELLED) {
                    // Its incident is over for good: a closed or cancelled ticket takes no more work, so the
                    // alert gets a new incident, which names the old one.
                    return open(alert, now, previous);
                }
                tickets.reopenAs(
                        MONITORING,
                        ticketId,
                        "Alert " + alert.label("alertname") + " fired again at " + now + ", within "
                                + properties.flapGrace() + " of clearing (flapping)");
                jdbc.sql("""
                                UPDATE alert_incident SET state = 'FIRING', resolved_at = NULL, flaps = flaps + 1,
                                    notifications = notifications + 1, last_firing_at = :now, updated_at = :now
                                WHERE id = :id
                                """)
                        .param("now", Timestamp.from(now))
                        .param("id", latest.get().id())
                        .update();
                return new Outcome(fingerprint, "FLAPPED", ticketId);
            }
            return open(alert, now, null);
        }
        if (latest.isEmpty() || !latest.get().state().equals("FIRING")) {
            return null;
        }
        Instant resolvedAt = alert.endsAt() != null && !alert.endsAt().isAfter(now) ? alert.endsAt() : now;
        long ticketId = latest.get().ticketId();
        String note = "Alert " + alert.label("alertname") + " resolved in monitoring at " + resolvedAt;
        if (properties.resolvedAction() == AlertProperties.ResolvedAction.RESOLVE) {
            tickets.resolveAs(MONITORING, ticketId, note + "; the incident is resolved with it");
        } else {
            tickets.noteAs(MONITORING, ticketId, note);
        }
        jdbc.sql("UPDATE alert_incident SET state = 'RESOLVED', resolved_at = :now, updated_at = :now WHERE id = :id")
                .param("now", Timestamp.from(now))
                .param("id", latest.get().id())
                .update();
        return new Outcome(
                fingerprint,
                properties.resolvedAction() == AlertProperties.ResolvedAction.RESOLVE ? "RESOLVED" : "ANNOTATED",
                ticketId);
    }

    /** The ticket of an alert's earlier incident, which a new incident of the same alert follows. */
    private record Previous(long ticketId, String number, TicketStatus status, Instant resolvedAt) {}

    private Previous previous(Open incident) {
        return jdbc.sql("SELECT number, status FROM ticket WHERE id = :id")
                .param("id", incident.ticketId())
                .query((rs, n) -> new Previous(
                        incident.ticketId(),
                        rs.getString("number"),
                        TicketStatus.valueOf(rs.getString("status")),
                        incident.resolvedAt()))
                .single();
    }

    private Outcome open(AlertmanagerPayload.Alert alert, Instant now, Previous previous) {
        Long ciId = configurationItem(alert).orElse(null);
        Priority priority = properties
                .severities()
                .getOrDefault(
                        String.valueOf(alert.label("severity")).toLowerCase(java.util.Locale.ROOT),
                        properties.defaultPriority());
        String host = host(alert);
        String summary =
                alert.annotation("summary") != null ? alert.annotation("summary") : alert.annotation("description");
        String title = ("[Alert] " + alert.label("alertname") + (host == null ? "" : " on " + host)
                + (summary == null ? "" : ": " + summary));
        if (title.length() > 200) {
            title = title.substring(0, 197) + "...";
        }
        StringBuilder description = new StringBuilder();
        description.append(summary == null ? alert.label("alertname") : summary).append("\n\n");
        if (alert.annotation("description") != null) {
            description.append(alert.annotation("description")).append("\n\n");
        }
        description.append("Labels: ").append(new TreeMap<>(alert.labels())).append('\n');
        description.append("Started: ").append(alert.startsAt()).append('\n');
        if (alert.generatorURL() != null) {
            description.append("Source: ").append(alert.generatorURL()).append('\n');
        }
        if (previous != null) {
            description
                    .append("Follows: ")
                    .append(previous.number())
                    .append(" (")
                    .append(previous.status())
                    .append("), the incident of the same alert, which cleared at ")
                    .append(previous.resolvedAt())
                    .append(", within ")
                    .append(properties.flapGrace())
                    .append(" of firing again\n");
        }
        Impact impact = switch (priority) {
            case P1, P2 -> Impact.HIGH;
            case P3 -> Impact.MEDIUM;
            case P4 -> Impact.LOW;
        };
        Urgency urgency = priority == Priority.P1 ? Urgency.HIGH : Urgency.MEDIUM;
        Ticket ticket = tickets.registerAt(
                new Ticket.NewTicket(
                        TicketType.INCIDENT,
                        title,
                        description.toString(),
                        new Requester("system:monitoring", "Monitoring (Prometheus)", Optional.empty()),
                        Channel.MONITORING,
                        null,
                        ciId,
                        impact,
                        urgency,
                        null),
                MONITORING,
                now);
        RoutingSuggestions suggestions = routing.suggest(new RoutingService.RoutingQuery(
                ticket.state().title(), ticket.state().description(), null, ciId));
        String suggested = suggestions.suggestions().isEmpty()
                ? null
                : suggestions.suggestions().get(0).unit();
        String routingNote = suggestions.suggestions().isEmpty()
                ? "Routing: no suggestion for this alert; the first line decides."
                : "Routing suggestion: "
                        + suggestions.suggestions().stream()
                                .limit(3)
                                .map(s -> s.unit() + " (" + Math.round(s.score() * 100) + "%: "
                                        + s.reasons().stream()
                                                .map(RoutingSuggestions.Reason::kind)
                                                .collect(Collectors.joining(", "))
                                        + ")")
                                .collect(Collectors.joining("; "));
        tickets.noteAs(MONITORING, ticket.id(), routingNote);
        if (properties.autoEscalate() && suggested != null && !suggested.equals(UnitCode.FIRST_LINE.value())) {
            escalate(ticket, suggestions.suggestions().get(0), alert, priority, ciId, previous);
        }
        jdbc.sql("""
                        INSERT INTO alert_incident (fingerprint, alert_name, ticket_id, ci_id, severity, state, starts_at,
                            last_firing_at, labels, follows_ticket_id, created_at, updated_at)
                        VALUES (:fp, :name, :ticket, :ci, :severity, 'FIRING', :starts, :now, CAST(:labels AS jsonb),
                            :follows, :now, :now)
                        """)
                .param("fp", alert.fingerprint())
                .param("name", alert.label("alertname"))
                .param("ticket", ticket.id())
                .param("ci", ciId)
                .param("severity", alert.label("severity"))
                .param("starts", Timestamp.from(alert.startsAt() == null ? now : alert.startsAt()))
                .param("now", Timestamp.from(now))
                .param("labels", json.writeValueAsString(alert.labels()))
                .param("follows", previous == null ? null : previous.ticketId())
                .update();
        return new Outcome(alert.fingerprint(), "OPENED", ticket.id());
    }

    /**
     * Escalates a new incident to the unit routing suggests, through the same guard as an agent's escalation
     * ({@link TicketService#escalateAs}). In a savepoint: when the guard refuses (the unit no longer takes
     * tickets, the handover comment is not enough), the incident stays at the first line, which is told why.
     */
    private void escalate(
            Ticket ticket,
            RoutingSuggestions.UnitSuggestion target,
            AlertmanagerPayload.Alert alert,
            Priority priority,
            Long ciId,
            Previous previous) {
        String handover = handover(alert, priority, ciId, target, previous);
        try {
            savepoint.executeWithoutResult(
                    status -> tickets.escalateAs(MONITORING, ticket.id(), target.unit(), handover));
        } catch (ServiceDeskException refused) {
            registry.counter("servicedesk.ingest.alerts.escalations-refused", "type", refused.type())
                    .increment();
            tickets.noteAs(
                    MONITORING,
                    ticket.id(),
                    "Automatic escalation to " + target.unit() + " refused (" + refused.type() + "): "
                            + refused.getMessage() + ". The first line escalates with a handover comment"
                            + " of its own.");
        }
    }

    /**
     * The handover comment of an automatic escalation (§8.2b), from the alert's facts: what monitoring
     * reported (alert, severity, since when, on which item, its other labels), what is known (the item in the
     * CMDB, an earlier incident of the same alert), and why the first line passes it on (the unit that
     * supports the item, and why routing names it).
     */
    String handover(
            AlertmanagerPayload.Alert alert,
            Priority priority,
            Long ciId,
            RoutingSuggestions.UnitSuggestion target,
            Previous previous) {
        String host = host(alert);
        StringBuilder comment = new StringBuilder();
        comment.append("Monitoring (Prometheus) zgłosił alert ")
                .append(alert.label("alertname"))
                .append(" o ważności ")
                .append(alert.label("severity") == null ? "nieokreślonej" : alert.label("severity"))
                .append(" (priorytet ")
                .append(priority)
                .append(')');
        if (host != null) {
            comment.append(" dla hosta ").append(host);
        }
        if (alert.startsAt() != null) {
            comment.append(", aktywny od ")
                    .append(LOCAL_TIME.format(alert.startsAt().atZone(TicketService.CITY_HALL_ZONE)));
        }
        comment.append('.');
        Map<String, String> otherLabels = new TreeMap<>(alert.labels());
        otherLabels.keySet().removeAll(java.util.Set.of("alertname", "severity", "instance", "host", "hostname"));
        if (!otherLabels.isEmpty()) {
            comment.append(" Pozostałe etykiety alertu: ")
                    .append(otherLabels.entrySet().stream()
                            .map(e -> e.getKey() + "=" + e.getValue())
                            .collect(Collectors.joining(", ")))
                    .append('.');
        }
        Optional<String> item = ciId == null
                ? Optional.empty()
                : jdbc.sql("SELECT name || ' (klasa ' || class_code || ')' FROM configuration_item WHERE id = :id")
                        .param("id", ciId)
                        .query(String.class)
                        .optional();
        comment.append(item.map(i -> " W CMDB to element #" + ciId + " " + i + ".")
                .orElse(" Host nie jest w CMDB jako element w użyciu."));
        if (previous != null) {
            comment.append(" Poprzedni incydent tego alertu, ")
                    .append(previous.number())
                    .append(", jest już zamknięty, a alert wrócił w ciągu ")
                    .append(properties.flapGrace().toMinutes())
                    .append(" min od ustąpienia.");
        }
        comment.append(" Pierwsza linia nie usuwa tej awarii sama: element utrzymuje ")
                .append(target.unit())
                .append(target.unitName() == null ? "" : " (" + target.unitName() + ")")
                .append(", wskazany przez routing z pewnością ")
                .append(Math.round(target.score() * 100))
                .append("% (")
                .append(target.reasons().stream()
                        .map(RoutingSuggestions.Reason::kind)
                        .distinct()
                        .collect(Collectors.joining(", ")))
                .append("); przekazanie automatyczne (alerts.auto-escalate).");
        return comment.toString();
    }

    private static final java.time.format.DateTimeFormatter LOCAL_TIME =
            java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    /** The host an alert is about: its {@code host} label, else its {@code instance} without the port. */
    static String host(AlertmanagerPayload.Alert alert) {
        String host = alert.label("host") != null ? alert.label("host") : alert.label("hostname");
        if (host == null && alert.label("instance") != null) {
            String instance = alert.label("instance");
            if (instance.startsWith("[")) {
                host = instance.substring(1, Math.max(1, instance.indexOf(']')));
            } else {
                int colon = instance.lastIndexOf(':');
                host = colon > 0 && instance.indexOf(':') == colon ? instance.substring(0, colon) : instance;
            }
        }
        return host;
    }

    /** The CI named by the alert's labels: by hostname, else by IP address (the ipAddress attribute). */
    private Optional<Long> configurationItem(AlertmanagerPayload.Alert alert) {
        String host = host(alert);
        if (host == null) {
            return Optional.empty();
        }
        if (host.matches("[0-9.]+") || host.contains(":")) {
            return jdbc.sql("""
                            SELECT id FROM configuration_item WHERE merged_into IS NULL
                                AND status NOT IN ('RETIRED', 'DISPOSED')
                                AND (attributes->>'ipAddress' = :ip OR attributes->>'managementIp' = :ip)
                            ORDER BY id LIMIT 1
                            """).param("ip", host).query(Long.class).optional();
        }
        String hostname;
        try {
            hostname = DeviceIdentity.hostname(host);
        } catch (CmdbRuleViolation e) {
            return Optional.empty();
        }
        return jdbc.sql("""
                        SELECT id FROM configuration_item WHERE hostname = :host AND merged_into IS NULL
                            AND status NOT IN ('RETIRED', 'DISPOSED')
                        """).param("host", hostname).query(Long.class).optional();
    }

    Map<String, Object> describe() {
        return Map.of("resolvedAction", properties.resolvedAction(), "flapGrace", properties.flapGrace());
    }
}
