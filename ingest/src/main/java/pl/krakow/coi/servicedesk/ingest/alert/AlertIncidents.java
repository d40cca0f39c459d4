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
import org.springframework.transaction.support.TransactionTemplate;
import pl.krakow.coi.servicedesk.cmdb.domain.CmdbRuleViolation;
import pl.krakow.coi.servicedesk.cmdb.domain.DeviceIdentity;
import pl.krakow.coi.servicedesk.routing.RoutingService;
import pl.krakow.coi.servicedesk.routing.RoutingSuggestions;
import pl.krakow.coi.servicedesk.ticket.TicketService;
import pl.krakow.coi.servicedesk.ticket.domain.Actor;
import pl.krakow.coi.servicedesk.ticket.domain.Channel;
import pl.krakow.coi.servicedesk.ticket.domain.Comment;
import pl.krakow.coi.servicedesk.ticket.domain.Impact;
import pl.krakow.coi.servicedesk.ticket.domain.Priority;
import pl.krakow.coi.servicedesk.ticket.domain.Requester;
import pl.krakow.coi.servicedesk.ticket.domain.Resolution;
import pl.krakow.coi.servicedesk.ticket.domain.SupportLine;
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
 *       same incident: a flapping alert makes no ticket storm.
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
                tickets.apply(ticketId, (ticket, at) -> {
                    String note = "Alert " + alert.label("alertname") + " fired again at " + now + ", within "
                            + properties.flapGrace() + " of clearing (flapping)";
                    if (ticket.status() == TicketStatus.RESOLVED) {
                        ticket.reopen(note, MONITORING, at);
                    } else if (ticket.status().isOpen()) {
                        ticket.comment(note, Comment.Visibility.INTERNAL, MONITORING, at);
                    }
                });
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
            return open(alert, now);
        }
        if (latest.isEmpty() || !latest.get().state().equals("FIRING")) {
            return null;
        }
        Instant resolvedAt = alert.endsAt() != null && !alert.endsAt().isAfter(now) ? alert.endsAt() : now;
        long ticketId = latest.get().ticketId();
        tickets.apply(ticketId, (ticket, at) -> {
            String note = "Alert " + alert.label("alertname") + " resolved in monitoring at " + resolvedAt;
            if (!ticket.status().isOpen()) {
                return;
            }
            if (properties.resolvedAction() == AlertProperties.ResolvedAction.RESOLVE) {
                ticket.resolve(Resolution.FIXED, note + "; the incident is resolved with it", MONITORING, at);
            } else {
                ticket.comment(note, Comment.Visibility.INTERNAL, MONITORING, at);
            }
        });
        jdbc.sql("UPDATE alert_incident SET state = 'RESOLVED', resolved_at = :now, updated_at = :now WHERE id = :id")
                .param("now", Timestamp.from(now))
                .param("id", latest.get().id())
                .update();
        return new Outcome(
                fingerprint,
                properties.resolvedAction() == AlertProperties.ResolvedAction.RESOLVE ? "RESOLVED" : "ANNOTATED",
                ticketId);
    }

    private Outcome open(AlertmanagerPayload.Alert alert, Instant now) {
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
        tickets.apply(ticket.id(), (t, at) -> {
            t.comment(routingNote, Comment.Visibility.INTERNAL, MONITORING, at);
            if (properties.autoEscalate()
                    && suggested != null
                    && !suggested.equals(UnitCode.FIRST_LINE.value())
                    && t.state().line() == SupportLine.FIRST) {
                t.escalate(
                        new UnitCode(suggested),
                        "Automatyczne przekazanie alertu " + alert.label("alertname") + " z monitoringu: element "
                                + (host == null ? "nieznany" : host) + " jest utrzymywany przez " + suggested
                                + ", szczegóły alertu w opisie zgłoszenia.",
                        MONITORING,
                        at);
            }
        });
        jdbc.sql("""
                        INSERT INTO alert_incident (fingerprint, alert_name, ticket_id, ci_id, severity, state, starts_at,
                            last_firing_at, labels, created_at, updated_at)
                        VALUES (:fp, :name, :ticket, :ci, :severity, 'FIRING', :starts, :now, CAST(:labels AS jsonb),
                            :now, :now)
                        """)
                .param("fp", alert.fingerprint())
                .param("name", alert.label("alertname"))
                .param("ticket", ticket.id())
                .param("ci", ciId)
                .param("severity", alert.label("severity"))
                .param("starts", Timestamp.from(alert.startsAt() == null ? now : alert.startsAt()))
                .param("now", Timestamp.from(now))
                .param("labels", json.writeValueAsString(alert.labels()))
                .update();
        return new Outcome(alert.fingerprint(), "OPENED", ticket.id());
    }

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
