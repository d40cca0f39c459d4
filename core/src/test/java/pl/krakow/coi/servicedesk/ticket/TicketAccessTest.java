package pl.krakow.coi.servicedesk.ticket;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import pl.krakow.coi.servicedesk.organisation.ReportingLines;
import pl.krakow.coi.servicedesk.platform.security.CurrentUser;
import pl.krakow.coi.servicedesk.platform.security.Role;

class TicketAccessTest {

    final TicketAccess access = new TicketAccess(ReportingLines.of(Map.of("IT-05-1", "IT-05")));

    @Test
    void aUnitClaimThatIsNoUnitCodeGrantsOnlyTheCallersOwnTickets() {
        CurrentUser odd = new CurrentUser("x.agent", "X", EnumSet.of(Role.AGENT), Optional.of("it-05 ' OR TRUE --"));

        assertThat(access.visibility(odd).units()).isEmpty();
        assertThat(access.visibilitySql(odd)).isEqualTo("(t.requester_username = :viewer)");
    }

    @Test
    void aDivisionsAgentSeesWhatItsSectionsHoldOrHeld() {
        CurrentUser division = new CurrentUser("y.agent", "Y", EnumSet.of(Role.AGENT), Optional.of("IT-05"));

        assertThat(access.visibility(division).units()).containsExactlyInAnyOrder("IT-05", "IT-05-1");
        assertThat(access.visibilitySql(division)).contains("'IT-05'", "'IT-05-1'");
    }
}
