package pl.krakow.coi.servicedesk.cmdb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static pl.krakow.coi.servicedesk.cmdb.CmdbFixtures.CMDB_ADMIN;
import static pl.krakow.coi.servicedesk.cmdb.CmdbFixtures.item;
import static pl.krakow.coi.servicedesk.cmdb.CmdbFixtures.with;
import static pl.krakow.coi.servicedesk.cmdb.CmdbFixtures.workstation;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.simple.JdbcClient;
import pl.krakow.coi.servicedesk.platform.security.CurrentUser;
import pl.krakow.coi.servicedesk.testing.Api;
import pl.krakow.coi.servicedesk.testing.IntegrationTest;
import pl.krakow.coi.servicedesk.testing.TestUsers;
import tools.jackson.databind.JsonNode;

/** Tickets name their affected item: routing follows its supporting unit, the item lists its tickets. */
@IntegrationTest
class CmdbTicketsIT {

    static final String HANDOVER = "Serwer plików nie odpowiada od 8:15, ping nie przechodzi, konsola iLO pokazuje"
            + " błąd zasilacza. Użytkownicy KP-01 nie mają dostępu do dysku P:. Potrzebna diagnoza na miejscu.";

    final CurrentUser anna = TestUsers.requester("anna.nowak", "KP-01");
    final CurrentUser firstLine = TestUsers.firstLine("jan.kowalski");
    final CurrentUser infrastructure = TestUsers.agent("marek.lis", "IT-04-1");
    final CurrentUser telecom = TestUsers.agent("tomasz.wrobel", "IT-04-4");

    @Autowired
    Api api;

    @Autowired
    JdbcClient jdbc;

    JsonCalls http() {
        return new JsonCalls(api);
    }

    @Test
    void aTicketAboutAnItemSupportedByIt041IsRoutedThereBecauseOfTheItem() {
        long server = http().post(CMDB_ADMIN, "/api/v1/cis", with(item("SERVER", "SRV-FILES-01"), "cores", 16))
                .expect(201)
                .id();
        assertThat(http().get(CMDB_ADMIN, "/api/v1/cis/{id}", server)
                        .body()
                        .get("supportingUnit")
                        .asString())
                .isEqualTo("IT-04-1");
        long ticket = http().post(
                        anna,
                        "/api/v1/tickets",
                        Map.of(
                                "title", "Coś nie działa",
                                "description", "Od rana jest problem.",
                                "configurationItemId", server))
                .expect(201)
                .id();
        JsonNode suggestions = http().get(firstLine, "/api/v1/tickets/{id}/routing-suggestions", ticket)
                .expect(200)
                .body()
                .get("suggestions");
        JsonNode it041 = null;
        for (JsonNode suggestion : suggestions) {
            if (suggestion.get("unit").asString().equals("IT-04-1")) {
                it041 = suggestion;
            }
        }
        assertThat(it041).as("IT-04-1 among %s", suggestions).isNotNull();
        assertThat(it041.get("reasons")).anySatisfy(reason -> {
            assertThat(reason.get("kind").asString()).isEqualTo("CONFIGURATION_ITEM");
            assertThat(reason.get("detail").asString()).contains("SRV-FILES-01", "IT-04-1");
        });
        assertThat(suggestions.get(0).get("unit").asString())
                .as("with a vague text the item decides")
                .isEqualTo("IT-04-1");

        JsonNode free = http().post(firstLine, "/api/v1/routing/suggestions", Map.of("configurationItemId", server))
                .expect(200)
                .body();
        assertThat(free.get("suggestions").get(0).get("unit").asString()).isEqualTo("IT-04-1");
    }

    @Test
    void aTicketNamingAnUnknownItemIsRefused() {
        http().post(
                        anna,
                        "/api/v1/tickets",
                        Map.of("title", "Monitor", "description", "Nie włącza się.", "configurationItemId", 987654))
                .problem(400, "unknown-configuration-item");
        long ticket = http().post(anna, "/api/v1/tickets", Map.of("title", "Monitor", "description", "Miga."))
                .expect(201)
                .id();
        assertThatThrownBy(() -> jdbc.sql("UPDATE ticket SET configuration_item_id = 987654 WHERE id = :id")
                        .param("id", ticket)
                        .update())
                .as("the foreign key holds even for direct writes")
                .isInstanceOf(DataIntegrityViolationException.class);
    }

    @Test
    void anItemShowsItsOpenAndPastTicketsAsTheCallerMaySeeThem() {
        long desktop = http().post(CMDB_ADMIN, "/api/v1/cis", workstation("1234"))
                .expect(201)
                .id();
        long open = file(desktop, "Komputer się zawiesza", "Zawiesza się przy otwieraniu poczty.");
        long past = file(desktop, "Komputer nie startuje", "Po aktualizacji nie uruchamia się.");
        file(http().post(CMDB_ADMIN, "/api/v1/cis", workstation("1235")).id(), "Inny", "Inny komputer.");
        http().post(
                        firstLine,
                        "/api/v1/tickets/{id}/resolve",
                        Map.of("resolution", "FIXED", "note", "Przywrócono poprzedni punkt przywracania systemu."),
                        past)
                .expect(200);

        JsonNode all = http().get(firstLine, "/api/v1/cis/{id}/tickets", desktop)
                .expect(200)
                .body();
        assertThat(all.get("total").asLong()).isEqualTo(2);
        assertThat(all.get("items")).extracting(t -> t.get("id").asLong()).containsExactlyInAnyOrder(open, past);
        JsonNode openOnly = http().get(firstLine, "/api/v1/cis/{id}/tickets?open=true", desktop)
                .body();
        assertThat(openOnly.get("items")).extracting(t -> t.get("id").asLong()).containsExactly(open);
        assertThat(openOnly.get("items").get(0).get("open").asBoolean()).isTrue();
        JsonNode pastOnly = http().get(firstLine, "/api/v1/cis/{id}/tickets?open=false", desktop)
                .body();
        assertThat(pastOnly.get("items")).extracting(t -> t.get("id").asLong()).containsExactly(past);

        assertThat(http().get(telecom, "/api/v1/cis/{id}/tickets", desktop)
                        .expect(200)
                        .body()
                        .get("total")
                        .asLong())
                .as("IT-04-4 never handled these tickets")
                .isZero();
        http().get(anna, "/api/v1/cis/{id}/tickets", desktop).problem(403, "forbidden");
        http().get(firstLine, "/api/v1/cis/{id}/tickets?size=500", desktop).problem(400, "invalid-page-size");
    }

    @Test
    void theTicketsOfAMergedDuplicateAppearOnTheSurvivor() {
        long survivor = http().post(
                        CMDB_ADMIN,
                        "/api/v1/cis",
                        with(
                                item("PRINTER", "Drukarka KP-02 pok. 5"),
                                "serialNumber",
                                "VNB3K12345",
                                "attributes",
                                Map.of("multifunction", true)))
                .expect(201)
                .id();
        long duplicate = http().post(
                        CMDB_ADMIN,
                        "/api/v1/cis",
                        with(
                                item("PRINTER", "HP M507 KP-02"),
                                "hostname",
                                "kp02-prn05",
                                "attributes",
                                Map.of("multifunction", true)))
                .expect(201)
                .id();
        long ticket = file(duplicate, "Drukarka zacina papier", "Zacina się na podajniku 2.");
        http().post(
                        CMDB_ADMIN,
                        "/api/v1/cis/{id}/merge",
                        Map.of("duplicateId", duplicate, "reason", "Ta sama drukarka zapisana dwa razy"),
                        survivor)
                .expect(200);
        assertThat(http().get(firstLine, "/api/v1/cis/{id}/tickets", survivor)
                        .body()
                        .get("items"))
                .extracting(t -> t.get("id").asLong())
                .containsExactly(ticket);
        JsonNode suggestion = http().post(
                        firstLine, "/api/v1/routing/suggestions", Map.of("configurationItemId", duplicate))
                .expect(200)
                .body();
        assertThat(suggestion.toString()).contains("#" + survivor);
    }

    private long file(long ci, String title, String description) {
        return http().post(
                        anna,
                        "/api/v1/tickets",
                        Map.of("title", title, "description", description, "configurationItemId", ci))
                .expect(201)
                .id();
    }
}
