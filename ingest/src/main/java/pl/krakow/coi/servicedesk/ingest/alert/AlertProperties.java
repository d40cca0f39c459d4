package pl.krakow.coi.servicedesk.ingest.alert;

import java.time.Duration;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import pl.krakow.coi.servicedesk.ticket.domain.Priority;

/**
 * Settings of the Alertmanager webhook ({@code servicedesk.ingest.alerts.*}).
 *
 * @param resolvedAction what a resolved alert does to its open incident: {@code RESOLVE} it, or only
 *     {@code ANNOTATE} it (an agent resolves)
 * @param flapGrace an alert firing again within this time after it resolved reopens (or annotates) its
 *     incident instead of opening a new one
 * @param severities the {@code severity} label → priority (others: {@code defaultPriority})
 * @param autoEscalate escalate a new incident to its CI's supporting unit at once (off: the first line,
 *     which coordinates major failures, escalates with a handover comment of its own)
 */
@ConfigurationProperties("servicedesk.ingest.alerts")
record AlertProperties(
        ResolvedAction resolvedAction,
        Duration flapGrace,
        Map<String, Priority> severities,
        Priority defaultPriority,
        Boolean autoEscalate) {

    public enum ResolvedAction {
        RESOLVE,
        ANNOTATE
    }

    public AlertProperties {
        resolvedAction = resolvedAction == null ? ResolvedAction.RESOLVE : resolvedAction;
        flapGrace = flapGrace == null ? Duration.ofMinutes(30) : flapGrace;
        severities = severities == null || severities.isEmpty()
                ? Map.of(
                        "critical", Priority.P1,
                        "page", Priority.P1,
                        "error", Priority.P2,
                        "major", Priority.P2,
                        "high", Priority.P2,
                        "warning", Priority.P3,
                        "minor", Priority.P3,
                        "info", Priority.P4,
                        "none", Priority.P4)
                : Map.copyOf(severities);
        defaultPriority = defaultPriority == null ? Priority.P3 : defaultPriority;
        autoEscalate = autoEscalate != null && autoEscalate;
    }
}
