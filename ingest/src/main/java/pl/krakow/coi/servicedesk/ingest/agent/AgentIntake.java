package pl.krakow.coi.servicedesk.ingest.agent;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import pl.krakow.coi.servicedesk.cmdb.CiClass;
import pl.krakow.coi.servicedesk.cmdb.CiClassService;
import pl.krakow.coi.servicedesk.cmdb.CiIdentityService;
import pl.krakow.coi.servicedesk.cmdb.DiscoveredItem;
import pl.krakow.coi.servicedesk.cmdb.domain.AttributeSchema;
import pl.krakow.coi.servicedesk.cmdb.domain.DeviceIdentity;
import pl.krakow.coi.servicedesk.licence.Compliance;
import pl.krakow.coi.servicedesk.licence.SoftwareInventory;
import pl.krakow.coi.servicedesk.licence.domain.InstallationSource;
import pl.krakow.coi.servicedesk.platform.security.CurrentUser;
import tools.jackson.databind.json.JsonMapper;

/**
 * Handles agent messages: a PROLOG (or GLPI {@code contact}) is answered "send your inventory"; an
 * INVENTORY updates the CMDB in one transaction: the device through the CMDB's identity rules
 * ({@link CiIdentityService#upsert}: device id, UUID, serial, hostname, MACs), its hardware attributes
 * (those its class defines), its software ({@link SoftwareInventory#report}: normalised, installations
 * refreshed and ended) and the agent's last contact. The compliance of the products whose installations
 * changed is recomputed once for a burst of inventories, shortly after they commit
 * ({@link Compliance#coalesceAfterCommit}).
 */
@Service
class AgentIntake {

    /** What to answer, in which format. */
    record Reply(byte[] body, String contentType) {}

    /** The outcome of one inventory. */
    record Outcome(long ciId, CiIdentityService.Outcome item, int software, int added, int ended) {}

    private final CiIdentityService identities;
    private final CiClassService classes;
    private final SoftwareInventory inventory;
    private final Compliance compliance;
    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final TransactionTemplate transaction;
    private final AgentProperties properties;
    private final Clock clock;
    private final Counter inventories;
    private final Timer processing;

    AgentIntake(
            CiIdentityService identities,
            CiClassService classes,
            SoftwareInventory inventory,
            Compliance compliance,
            JdbcClient jdbc,
            JsonMapper json,
            TransactionTemplate transaction,
            AgentProperties properties,
            Clock clock,
            MeterRegistry registry) {
        this.identities = identities;
        this.classes = classes;
        this.inventory = inventory;
        this.compliance = compliance;
        this.jdbc = jdbc;
        this.json = json;
        this.transaction = transaction;
        this.properties = properties;
        this.clock = clock;
        this.inventories = Counter.builder("servicedesk.ingest.agent.inventories")
                .description("Inventories received from agents and stored")
                .register(registry);
        this.processing = Timer.builder("servicedesk.ingest.agent.processing")
                .description("Time to store one inventory (device, attributes, software)")
                .register(registry);
    }

    Reply handle(byte[] body, String address, CurrentUser agent) {
        AgentPayloads.Decoded decoded =
                AgentPayloads.decode(body, properties.maxInflated().toBytes());
        byte[] content = decoded.content();
        int start = 0;
        while (start < content.length && Character.isWhitespace(content[start])) {
            start++;
        }
        if (start < content.length && content[start] == '{') {
            return json(decoded, address, agent);
        }
        if (start < content.length && content[start] == '<') {
            return xml(decoded, address, agent);
        }
        throw AgentPayloads.malformed("neither XML nor JSON");
    }

    private Reply xml(AgentPayloads.Decoded decoded, String address, CurrentUser agent) {
        InventoryTree request = InventoryTree.xml(decoded.content()).get("request");
        String query = request.value("query");
        String deviceId = request.value("deviceid");
        if (query == null) {
            throw AgentPayloads.malformed("no QUERY in the request");
        }
        String answer;
        switch (query.toUpperCase(java.util.Locale.ROOT)) {
            case "PROLOG" ->
                answer =
                        "<RESPONSE>SEND</RESPONSE><PROLOG_FREQ>" + properties.prologFrequencyHours() + "</PROLOG_FREQ>";
            case "INVENTORY" -> {
                store(Inventory.of(deviceId, request.get("content")), "XML", address, agent);
                answer = "<RESPONSE>no_account_update</RESPONSE>";
            }
            default -> answer = "<RESPONSE>NO_SUCH_QUERY</RESPONSE>";
        }
        byte[] reply = ("<?xml version=\"1.0\" encoding=\"UTF-8\" ?>\n<REPLY>" + answer + "</REPLY>\n")
                .getBytes(StandardCharsets.UTF_8);
        return new Reply(
                AgentPayloads.encode(decoded.encoding(), reply),
                decoded.encoding().contentType == null ? "application/xml" : decoded.encoding().contentType);
    }

    private Reply json(AgentPayloads.Decoded decoded, String address, CurrentUser agent) {
        InventoryTree request = InventoryTree.json(decoded.content(), json);
        String action = String.valueOf(request.value("action"));
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("status", "ok");
        switch (action) {
            case "contact" -> answer.put("expiration", properties.prologFrequencyHours());
            case "inventory" ->
                store(Inventory.of(request.value("deviceid"), request.get("content")), "JSON", address, agent);
            default -> {
                answer.put("status", "error");
                answer.put("message", "unknown action " + action);
            }
        }
        byte[] reply = json.writeValueAsBytes(answer);
        return new Reply(
                AgentPayloads.encode(decoded.encoding(), reply),
                decoded.encoding().contentType == null ? "application/json" : decoded.encoding().contentType);
    }

    /** Stores one inventory; all of it or nothing. */
    Outcome store(Inventory reported, String protocol, String address, CurrentUser agent) {
        Timer.Sample sample = Timer.start();
        Outcome outcome = transaction.execute(status -> {
            DeviceIdentity identity = new DeviceIdentity(
                    reported.deviceId(),
                    DeviceIdentity.uuid(reported.hardwareUuid()),
                    reported.serialNumber(),
                    reported.hostname(),
                    reported.macAddresses(),
                    null);
            CiClass ciClass = classes.find(reported.classCode()).orElse(null);
            Map<String, Object> attributes = attributes(reported.attributes(), ciClass);
            CiIdentityService.UpsertResult item = identities.upsert(
                    new DiscoveredItem(
                            reported.classCode(),
                            null,
                            identity,
                            reported.manufacturer(),
                            reported.model(),
                            reported.cores(),
                            attributes),
                    "agent:"
                            + (reported.agent() == null
                                    ? protocol.toLowerCase(java.util.Locale.ROOT)
                                    : reported.agent()),
                    agent);
            Instant now = clock.instant();
            // Inventories come in bursts sharing their products: one recomputation for all of them.
            compliance.coalesceAfterCommit();
            SoftwareInventory.ReportResult software =
                    inventory.report(item.id(), InstallationSource.AGENT, now, reported.software(), agent);
            jdbc.sql("""
                            INSERT INTO agent_device (ci_id, device_id, agent, protocol, last_seen_at, last_address,
                                software_count)
                            VALUES (:ci, :device, :agent, :protocol, :now, :address, :software)
                            ON CONFLICT (ci_id) DO UPDATE SET device_id = EXCLUDED.device_id, agent = EXCLUDED.agent,
                                protocol = EXCLUDED.protocol, last_seen_at = EXCLUDED.last_seen_at,
                                last_address = EXCLUDED.last_address, software_count = EXCLUDED.software_count,
                                reports = agent_device.reports + 1
                            """)
                    .param("ci", item.id())
                    .param("device", reported.deviceId())
                    .param("agent", reported.agent())
                    .param("protocol", protocol)
                    .param("now", Timestamp.from(now))
                    .param("address", address)
                    .param("software", software.reported())
                    .update();
            return new Outcome(item.id(), item.outcome(), software.reported(), software.added(), software.ended());
        });
        sample.stop(processing);
        inventories.increment();
        return outcome;
    }

    /** The reported facts the class defines, and only valid ones (an agent's odd value never refuses a device). */
    private static Map<String, Object> attributes(Map<String, Object> reported, CiClass ciClass) {
        Map<String, Object> kept = new LinkedHashMap<>();
        if (ciClass == null) {
            return kept;
        }
        AttributeSchema schema = ciClass.schema();
        reported.forEach((name, value) -> {
            if (schema.definition(name) != null) {
                Map<String, Object> one = Map.of(name, value);
                if (schema.violations(one).stream().noneMatch(v -> v.field().equals(name))) {
                    kept.put(name, value);
                }
            }
        });
        return kept;
    }
}
