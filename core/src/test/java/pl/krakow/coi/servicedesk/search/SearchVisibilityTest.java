package pl.krakow.coi.servicedesk.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import pl.krakow.coi.servicedesk.organisation.ReportingLines;
import pl.krakow.coi.servicedesk.platform.security.CurrentUser;
import pl.krakow.coi.servicedesk.platform.security.Role;
import pl.krakow.coi.servicedesk.testing.TestUsers;
import pl.krakow.coi.servicedesk.ticket.TicketAccess;
import pl.krakow.coi.servicedesk.ticket.domain.Requester;
import pl.krakow.coi.servicedesk.ticket.domain.TicketFixtures;
import pl.krakow.coi.servicedesk.ticket.domain.TicketState;
import pl.krakow.coi.servicedesk.ticket.domain.TicketType;
import pl.krakow.coi.servicedesk.ticket.domain.UnitCode;

class SearchVisibilityTest {

    private final TicketAccess access = new TicketAccess(ReportingLines.of(Map.of(
            "IT-05-1", "IT-05",
            "IT-05-4", "IT-05",
            "IT-05", "COI-Z1",
            "IT-02-1", "COI-Z1",
            "IT-02-2", "COI-Z1",
            "IT-04-1", "COI-Z3",
            "IT-04-2", "COI-Z3")));

    @Test
    void theSearchFilterAdmitsExactlyTheTicketsTicketAccessLetsTheCallerSee() {
        int compared = 0;
        for (CurrentUser user : callers()) {
            SearchVisibility visibility = SearchVisibility.of(access.visibility(user));
            for (TicketState ticket : tickets()) {
                assertThat(visibility.test(ticket))
                        .as(
                                "%s %s sees %s %s handled by %s",
                                user.roles(),
                                user.unit().orElse("-"),
                                ticket.type(),
                                ticket.requester().username(),
                                ticket.handledBy())
                        .isEqualTo(access.canView(user, ticket));
                compared++;
            }
        }
        assertThat(compared).isGreaterThan(300);
    }

    @Test
    void aRequesterIsFilteredToOwnTicketsInTheQuery() {
        var query = SearchVisibility.of(access.visibility(TestUsers.requester("anna.nowak", "KP-01")))
                .query();
        assertThat(query.isTerm()).isTrue();
        assertThat(query.term().field()).isEqualTo(TicketFields.REQUESTER);
        assertThat(query.term().value().stringValue()).isEqualTo("anna.nowak");
    }

    private static List<CurrentUser> callers() {
        List<CurrentUser> users = new ArrayList<>();
        users.add(TestUsers.requester("anna.nowak", "KP-01"));
        users.add(TestUsers.requester("piotr.wisniewski", "KP-03"));
        for (String unit : List.of("IT-02-2", "IT-02-1", "IT-04-2", "IT-04-1", "IT-05-4", "IT-05")) {
            users.add(TestUsers.agent("agent." + unit.toLowerCase(), unit));
        }
        users.add(TestUsers.with("agent.bez.jednostki", null, Role.AGENT));
        for (String unit : List.of("COI-DYR", "COI-Z1", "COI-Z3", "IT-08", "IT-04-2", "IT-02-1", "IT-05", "IT-05-1")) {
            users.add(TestUsers.manager("kierownik." + unit.toLowerCase(), unit));
        }
        users.add(TestUsers.with("manager.bez.jednostki", null, Role.MANAGER));
        users.add(TestUsers.admin("admin"));
        users.add(TestUsers.with("integracja", null, Role.INTEGRATION));
        users.add(TestUsers.with("anna.nowak", "IT-04-2", Role.AGENT));
        return users;
    }

    private static List<TicketState> tickets() {
        List<TicketState> tickets = new ArrayList<>();
        TicketState base = TicketFixtures.printerIncident().state();
        List<Set<String>> handlings = List.of(
                Set.of("IT-02-2"),
                Set.of("IT-02-2", "IT-04-2"),
                Set.of("IT-02-2", "IT-04-1", "IT-04-2"),
                Set.of("IT-02-1"),
                Set.of("IT-02-1", "IT-04-2"),
                Set.of("IT-02-2", "IT-05-4"),
                Set.of("IT-02-2", "IT-02-1", "IT-04-1"),
                Set.of("IT-05-1"));
        for (TicketType type : TicketType.values()) {
            for (String requester : List.of("anna.nowak", "piotr.wisniewski", "kierownik.it-04-2")) {
                for (Set<String> handled : handlings) {
                    Set<UnitCode> units = new LinkedHashSet<>();
                    handled.forEach(u -> units.add(new UnitCode(u)));
                    tickets.add(base.with(b -> b.type(type)
                            .requester(new Requester(requester, requester, Optional.of(new UnitCode("KP-01"))))
                            .handledBy(units)));
                }
            }
        }
        return tickets;
    }
}
