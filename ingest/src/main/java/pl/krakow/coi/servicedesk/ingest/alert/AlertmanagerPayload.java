package pl.krakow.coi.servicedesk.ingest.alert;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Alertmanager's webhook payload, version 4 (prometheus.io/docs/alerting/latest/configuration/#webhook_config). */
record AlertmanagerPayload(
        String version,
        String groupKey,
        Integer truncatedAlerts,
        String status,
        String receiver,
        Map<String, String> groupLabels,
        Map<String, String> commonLabels,
        Map<String, String> commonAnnotations,
        String externalURL,
        List<Alert> alerts) {

    record Alert(
            String status,
            Map<String, String> labels,
            Map<String, String> annotations,
            Instant startsAt,
            Instant endsAt,
            String generatorURL,
            String fingerprint) {

        boolean firing() {
            return "firing".equalsIgnoreCase(status);
        }

        String label(String name) {
            return labels == null ? null : labels.get(name);
        }

        String annotation(String name) {
            return annotations == null ? null : annotations.get(name);
        }
    }
}
