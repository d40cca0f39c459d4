package pl.krakow.coi.servicedesk.ingest.agent;

import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.util.EnumSet;
import java.util.Optional;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import pl.krakow.coi.servicedesk.platform.security.CurrentUser;
import pl.krakow.coi.servicedesk.platform.security.Role;

/**
 * The endpoint inventory agents post to ({@code --server=https://…/api/v1/inventory/agent}): the
 * FusionInventory / OCS protocol (compressed XML) and the GLPI agent's JSON (docs/ingest/agents.md).
 * HTTP Basic, as the agents speak it ({@link AgentSecurityConfiguration}).
 */
@RestController
class AgentController {

    private final AgentIntake intake;
    private final AgentProperties properties;

    AgentController(AgentIntake intake, AgentProperties properties) {
        this.intake = intake;
        this.properties = properties;
    }

    @PostMapping(
            value = {"/api/v1/inventory/agent", "/api/v1/inventory/agent/"},
            consumes = MediaType.ALL_VALUE)
    ResponseEntity<byte[]> post(HttpServletRequest request) throws IOException {
        long max = properties.maxPayload().toBytes();
        if (request.getContentLengthLong() > max) {
            throw AgentPayloads.tooLarge(max);
        }
        byte[] body;
        try (InputStream in = request.getInputStream()) {
            body = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, max + 1));
        }
        if (body.length > max) {
            throw AgentPayloads.tooLarge(max);
        }
        if (body.length == 0) {
            throw AgentPayloads.malformed("the request is empty");
        }
        AgentIntake.Reply reply = intake.handle(body, request.getRemoteAddr(), caller());
        return ResponseEntity.ok()
                .contentType(MediaType.parseMediaType(reply.contentType()))
                .body(reply.body());
    }

    private static CurrentUser caller() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        String name = authentication == null ? "anonymous" : authentication.getName();
        return new CurrentUser(
                "agent:" + name, "Inventory agent (" + name + ")", EnumSet.of(Role.INTEGRATION), Optional.empty());
    }
}
