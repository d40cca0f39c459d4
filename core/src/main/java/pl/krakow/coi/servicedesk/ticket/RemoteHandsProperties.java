package pl.krakow.coi.servicedesk.ticket;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code servicedesk.remote-hands.*}: the operational-level target of remote-hands tasks (§13.8).
 *
 * @param target how much business time the providing unit has for a task, from its request to its
 *     completion; the due time is fixed when the task is requested
 * @param calendar the business calendar of the SLA configuration the target runs in
 */
@ConfigurationProperties("servicedesk.remote-hands")
record RemoteHandsProperties(
        @DefaultValue("4h") Duration target,
        @DefaultValue("WARSAW-OFFICE") String calendar) {

    public RemoteHandsProperties {
        if (target.isNegative() || target.isZero()) {
            throw new IllegalArgumentException("servicedesk.remote-hands.target must be positive: " + target);
        }
    }
}
