package pl.krakow.coi.servicedesk.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import co.elastic.clients.elasticsearch._types.FieldValue;
import java.util.List;
import org.junit.jupiter.api.Test;
import pl.krakow.coi.servicedesk.platform.ServiceDeskException;
import tools.jackson.databind.json.JsonMapper;

class SearchCursorTest {

    private final JsonMapper json = JsonMapper.builder().build();

    @Test
    void aCursorCarriesTheSortValuesOfTheLastHit() {
        String cursor = new SearchCursor("relevance", List.of(FieldValue.of(12.5), FieldValue.of(42L))).encode(json);
        SearchCursor decoded = SearchCursor.decode(cursor, "relevance", json);
        assertThat(decoded.values()).hasSize(2);
        assertThat(decoded.values().get(0).doubleValue()).isEqualTo(12.5);
        assertThat(decoded.values().get(1).longValue()).isEqualTo(42L);
        SearchCursor priority = SearchCursor.decode(
                new SearchCursor("priority", List.of(FieldValue.of("P1"), FieldValue.of(7L))).encode(json),
                "priority",
                json);
        assertThat(priority.values().get(0).stringValue()).isEqualTo("P1");
    }

    @Test
    void aForgedOrForeignCursorIsABadRequest() {
        String created = new SearchCursor("created", List.of(FieldValue.of(1L), FieldValue.of(2L))).encode(json);
        assertThatThrownBy(() -> SearchCursor.decode(created, "relevance", json))
                .isInstanceOf(ServiceDeskException.class)
                .hasMessageContaining("sorted by created");
        for (String bad : List.of("%%%", "bm90IGpzb24", "WzFd")) {
            assertThatThrownBy(() -> SearchCursor.decode(bad, "created", json))
                    .isInstanceOfSatisfying(
                            ServiceDeskException.class,
                            e -> assertThat(e.type()).isEqualTo("invalid-cursor"));
        }
    }
}
