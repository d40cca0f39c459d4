package pl.krakow.coi.servicedesk.ingest.alert;

import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import pl.krakow.coi.servicedesk.platform.ServiceDeskException;

/**
 * The webhook Alertmanager posts to ({@code webhook_configs: url: …/api/v1/alerts/alertmanager}), with a
 * bearer token of a caller with the INTEGRATION role (docs/ingest/alerts.md).
 */
@RestController
@EnableConfigurationProperties(AlertProperties.class)
class AlertmanagerController {

    private final AlertIncidents incidents;

    AlertmanagerController(AlertIncidents incidents) {
        this.incidents = incidents;
    }

    @PostMapping("/api/v1/alerts/alertmanager")
    @PreAuthorize("hasRole('INTEGRATION')")
    ResponseEntity<Map<String, Object>> receive(@RequestBody AlertmanagerPayload payload) {
        if (payload.version() != null && !payload.version().equals("4")) {
            throw ServiceDeskException.invalid(
                    "unsupported-payload-version",
                    "Alertmanager payload version " + payload.version() + "; 4 is supported");
        }
        if (payload.alerts() != null && payload.alerts().contains(null)) {
            throw ServiceDeskException.invalid(
                    "malformed-inventory", "Every element of alerts must be an alert object, not null");
        }
        List<AlertIncidents.Outcome> outcomes = incidents.receive(payload);
        return ResponseEntity.ok(Map.of("alerts", outcomes));
    }
}
