package pl.krakow.coi.servicedesk.ingest.legacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import pl.krakow.coi.servicedesk.platform.ServiceDeskException;
import pl.krakow.coi.servicedesk.ticket.domain.Ticket;
import pl.krakow.coi.servicedesk.ticket.domain.TicketEventType;
import pl.krakow.coi.servicedesk.ticket.domain.TicketNumber;
import pl.krakow.coi.servicedesk.ticket.domain.TicketStatus;
import pl.krakow.coi.servicedesk.ticket.domain.TicketType;

/** The replay of a legacy ticket's updates through our lifecycle, and the options that read the export. */
class LegacyTicketBuilderTest {

    static final LegacyOptions OPTIONS = LegacyOptions.of(Map.of("groups", Map.of("Group 24", "IT-04-2")));

    @Test
    void aResolvedTicketSetBackToWorkWithAnAssigneeIsReopenedAndWorkedOn() {
        Ticket ticket = replay(
                update(1, "New", "2016-03-03T07:00:00Z", null, null),
                update(2, "Resolved", "2016-03-03T09:00:00Z", null, null),
                update(3, "Active", "2016-03-03T11:00:00Z", "Service Desk", "Resolver 7"));
        assertThat(ticket.status()).isEqualTo(TicketStatus.IN_PROGRESS);
        assertThat(ticket.state().assignee()).isEqualTo("Resolver 7");
        assertThat(ticket.state().reopenCount()).isEqualTo(1);
        assertThat(types(ticket))
                .containsExactly(
                        TicketEventType.CREATED,
                        TicketEventType.RESOLVED,
                        TicketEventType.REOPENED,
                        TicketEventType.ASSIGNED,
                        TicketEventType.WORK_STARTED);
    }

    @Test
    void aResolvedTicketEscalatedAgainIsReopenedAtTheFirstLineThenEscalated() {
        Ticket ticket = replay(
                update(1, "Resolved", "2016-03-03T09:00:00Z", null, null),
                update(2, "Active", "2016-03-04T09:00:00Z", "Group 24", "Resolver 12"));
        assertThat(ticket.status()).isEqualTo(TicketStatus.IN_PROGRESS);
        assertThat(ticket.assignedUnit().value()).isEqualTo("IT-04-2");
        assertThat(ticket.state().assignee()).isEqualTo("Resolver 12");
    }

    @Test
    void theLatestRowWinsWhateverTheOrderOfTheFile() {
        Ticket ticket = replay(
                update(1, "Closed", "2016-03-05T11:00:00Z", null, "Resolver 89"),
                update(2, "New", "2016-02-29T00:23:00Z", null, null),
                update(3, "Active", "2016-02-29T07:53:00Z", null, "Resolver 89"));
        assertThat(ticket.status()).isEqualTo(TicketStatus.CLOSED);
        assertThat(ticket.state().closedAt()).isEqualTo(Instant.parse("2016-03-05T11:00:00Z"));
    }

    @Test
    void datesThatDoNotExistAreRefusedNotMoved() {
        LegacyOptions options = LegacyOptions.of(Map.of());
        assertThat(options.parse("29/2/2016 01:16")).isEqualTo(Instant.parse("2016-02-29T00:16:00Z"));
        assertThat(options.parse("30/2/2016 10:00")).isNull();
        assertThat(options.parse("29/2/2015 10:00")).isNull();
        assertThat(options.parse("31.4.2016 10:00")).isNull();
        assertThat(options.parse("2016-07-01 12:00:00"))
                .as("summer time in Warsaw")
                .isEqualTo(Instant.parse("2016-07-01T10:00:00Z"));
        assertThat(options.parse("2016-07-01T12:00:00+02:00")).isEqualTo(Instant.parse("2016-07-01T10:00:00Z"));
        LegacyOptions quoted =
                LegacyOptions.of(Map.of("dateFormats", List.of("'y'yyyy-MM-dd HH:mm"), "timeZone", "UTC"));
        assertThat(quoted.parse("y2016-03-07 09:15")).isEqualTo(Instant.parse("2016-03-07T09:15:00Z"));
    }

    @Test
    void optionsTheImportCannotUseAreRefused() {
        for (Map<String, Object> options : List.<Map<String, Object>>of(
                Map.of("dateFormats", List.of("dd.MM.yyyy bbb")),
                Map.of("timeZone", "Europe/Kraków"),
                Map.of("unmappedGroups", "guess"),
                Map.of("referencePrefix", "x".repeat(21)),
                Map.of("groups", List.of("Group 24")))) {
            assertThatThrownBy(() -> LegacyOptions.of(options))
                    .as("%s", options)
                    .isInstanceOf(ServiceDeskException.class)
                    .hasFieldOrPropertyWithValue("type", "invalid-options");
        }
        assertThat(LegacyOptions.of(Map.of("unmappedGroups", "SKIP")).skipUnmappedGroups())
                .isTrue();
        assertThat(LegacyOptions.of(Map.of()).skipUnmappedGroups()).isFalse();
    }

    private static Ticket replay(IncidentUpdate... rows) {
        List<IncidentUpdate> updates = new ArrayList<>(List.of(rows));
        updates.sort(java.util.Comparator.comparing(IncidentUpdate::updatedAt));
        LegacyTicketBuilder.Plan plan = LegacyTicketBuilder.plan(updates, OPTIONS, Set.of());
        Ticket ticket = Ticket.register(
                plan.ticket(), TicketNumber.of(TicketType.INCIDENT, 2016, 1), plan.registrar(), plan.openedAt());
        plan.history().accept(ticket);
        return ticket;
    }

    private static List<TicketEventType> types(Ticket ticket) {
        return ticket.pendingEvents().stream().map(e -> e.type()).toList();
    }

    private static IncidentUpdate update(long line, String state, String updatedAt, String group, String assignee) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("number", "INC0000047");
        fields.put("incident_state", state);
        fields.put("opened_at", "2016-02-29T00:16:00Z");
        fields.put("caller_id", "Caller 77");
        fields.put("sys_updated_at", updatedAt);
        if (state.equals("Resolved") || state.equals("Closed")) {
            fields.put("resolved_at", updatedAt);
        }
        if (state.equals("Closed")) {
            fields.put("closed_at", updatedAt);
        }
        if (group != null) {
            fields.put("assignment_group", group);
        }
        if (assignee != null) {
            fields.put("assigned_to", assignee);
        }
        return new IncidentUpdate(line, "INC0000047", Instant.parse(updatedAt), fields);
    }
}
