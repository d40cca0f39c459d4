package pl.krakow.coi.servicedesk.ingest.agent;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * Settings of the inventory agent endpoint ({@code servicedesk.ingest.agent.*}).
 *
 * @param username the HTTP Basic user the agents are configured with ({@code --user}); none: agents are refused
 * @param password its password, as a Spring Security encoded value ({@code {bcrypt}…}, or {@code {noop}…}
 *     from a Kubernetes Secret)
 * @param maxPayload the largest request body (compressed) accepted (413 beyond)
 * @param maxInflated the largest inventory after decompression (413 beyond: no decompression bombs)
 * @param prologFrequencyHours how often agents are told to come back (PROLOG_FREQ)
 */
@ConfigurationProperties("servicedesk.ingest.agent")
record AgentProperties(
        String username, String password, DataSize maxPayload, DataSize maxInflated, Integer prologFrequencyHours) {

    public AgentProperties {
        maxPayload = maxPayload == null ? DataSize.ofMegabytes(16) : maxPayload;
        maxInflated = maxInflated == null ? DataSize.ofMegabytes(64) : maxInflated;
        prologFrequencyHours = prologFrequencyHours == null ? 24 : prologFrequencyHours;
    }
}
