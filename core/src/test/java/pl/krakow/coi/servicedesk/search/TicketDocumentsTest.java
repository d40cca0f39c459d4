package pl.krakow.coi.servicedesk.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import pl.krakow.coi.servicedesk.ticket.domain.Comment;
import pl.krakow.coi.servicedesk.ticket.domain.Resolution;
import pl.krakow.coi.servicedesk.ticket.domain.TicketFixtures;
import pl.krakow.coi.servicedesk.ticket.domain.TicketState;

class TicketDocumentsTest {

    @Test
    void theDocumentCarriesFilterFieldsKpiFieldsOriginalTextAndPreAnalysedTerms() {
        var ticket = TicketFixtures.escalatedTo("IT-04-2");
        ticket.resolve(
                Resolution.FIXED,
                "Wymieniono rolkę w drukarce HP, host WS-KP01-023",
                TicketFixtures.agentOf("IT-04-2"),
                TicketFixtures.MONDAY_9.plusSeconds(3600));
        TicketState state = ticket.state().with(b -> b.id(7L).version(3));
        Comment comment = new Comment(
                1L,
                TicketFixtures.requester(),
                Comment.Visibility.PUBLIC,
                "Dziękuję, drukuje",
                Instant.parse("2026-03-02T10:00:00Z"));
        var builder = new TicketDocument.Builder(state, List.of(comment), TicketIndexMapping.declared(Map.of()));
        TicketDocuments.base(builder);
        TicketDocument doc = builder.build();

        assertThat(doc.id()).isEqualTo(7L);
        assertThat(doc.version()).isEqualTo(3L);
        Map<String, Object> f = doc.fields();
        assertThat(f)
                .containsEntry(TicketFields.STATUS, "RESOLVED")
                .containsEntry(TicketFields.OPEN, false)
                .containsEntry(TicketFields.RESOLVED_BY_UNIT, "IT-04-2")
                .containsEntry(TicketFields.RESOLVED_BY_LINE, "SECOND")
                .containsEntry(TicketFields.ESCALATION_COUNT, 1)
                .containsEntry(TicketFields.CUSTOMER_UNIT, "KP-01")
                .containsEntry(TicketFields.MINUTES_TO_RESOLVE, 60L)
                .containsEntry(TicketFields.PUBLIC_COMMENT_COUNT, 1)
                .containsEntry(TicketFields.TITLE, "Drukarka nie drukuje")
                .doesNotContainKey(TicketFields.SLA_STATE);
        assertThat(f.get(TicketFields.HANDLED_BY)).isEqualTo(List.of("IT-02-2", "IT-04-2"));
        assertThat((String) f.get(TicketFields.TITLE_TERMS)).contains("drukark");
        assertThat((String) f.get(TicketFields.RESOLUTION_TERMS)).contains("rolk");
        assertThat((String) f.get(TicketFields.COMMENT_TERMS)).contains("dziek");
        @SuppressWarnings("unchecked")
        List<String> identifiers = (List<String>) f.get(TicketFields.IDENTIFIERS);
        assertThat(identifiers).contains(state.number().value(), "WS-KP01-023");
    }

    @Test
    void aFieldNobodyDeclaredIsRefused() {
        var builder = new TicketDocument.Builder(
                TicketFixtures.printerIncident().state().with(b -> b.id(1L)),
                List.of(),
                TicketIndexMapping.declared(Map.of("businessMinutesToResolve", SearchFieldType.LONG)));
        builder.set("businessMinutesToResolve", 120L);
        assertThatThrownBy(() -> builder.set("businesMinutesToResolve", 120L))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not declared");
    }

    @Test
    void contributorsAddFieldsToTheMappingButMayNotRedefineTheTicketsOwn() {
        TicketDocumentContributor sla = contributor(Map.of(TicketFields.SLA_STATE, SearchFieldType.KEYWORD));
        TicketDocumentContributor kpi = contributor(Map.of("firstLineResolution", SearchFieldType.BOOLEAN));
        TicketDocuments documents = new TicketDocuments(null, List.of(sla, kpi));
        assertThat(documents.contributedFields()).containsOnlyKeys("firstLineResolution");
        assertThat(TicketIndexMapping.properties(documents.contributedFields()))
                .containsEntry("firstLineResolution", Map.of("type", "boolean"));

        TicketDocumentContributor clash = contributor(Map.of(TicketFields.STATUS, SearchFieldType.KEYWORD));
        assertThatThrownBy(() -> new TicketDocuments(null, List.of(clash)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("status");
        TicketDocumentContributor conflicting = contributor(Map.of("firstLineResolution", SearchFieldType.KEYWORD));
        assertThatThrownBy(() -> new TicketDocuments(null, List.of(kpi, conflicting)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("firstLineResolution");
        assertThat(Optional.of(TicketIndexMapping.mapping(Map.of())))
                .get()
                .satisfies(mapping -> assertThat(mapping).containsEntry("dynamic", "strict"));
    }

    private static TicketDocumentContributor contributor(Map<String, SearchFieldType> fields) {
        return new TicketDocumentContributor() {
            @Override
            public Map<String, SearchFieldType> fields() {
                return fields;
            }

            @Override
            public void contribute(List<TicketDocument.Builder> batch) {}
        };
    }
}
