package pl.krakow.coi.servicedesk.people;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.simple.JdbcClient;
import pl.krakow.coi.servicedesk.cmdb.JsonCalls;
import pl.krakow.coi.servicedesk.platform.security.CurrentUser;
import pl.krakow.coi.servicedesk.testing.Api;
import pl.krakow.coi.servicedesk.testing.IntegrationTest;
import pl.krakow.coi.servicedesk.testing.TestUsers;

/**
 * A person's language: Polish unless set, kept by an upsert that does not name one, set by an upsert that does,
 * and through the API by the person or an admin only; only {@code pl} and {@code en}, also in the database.
 */
@IntegrationTest
class PersonLanguageIT {

    final CurrentUser anna = TestUsers.requester("anna.nowak", "KP-01");
    final CurrentUser piotr = TestUsers.requester("piotr.wisniewski", "KP-01");
    final CurrentUser agent = TestUsers.firstLine("jan.kowalski");
    final CurrentUser admin = TestUsers.admin("admin");

    @Autowired
    People people;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    Api api;

    JsonCalls http;

    @BeforeEach
    void people() {
        http = new JsonCalls(api);
        jdbc.sql("DELETE FROM person").update();
        people.upsert("anna.nowak", "Anna Nowak", "anna.nowak@um.krakow.pl", "KP-01", "manual", Instant.now());
        people.upsert("piotr.wisniewski", "Piotr Wiśniewski", null, "KP-01", "manual", Instant.now());
    }

    @Test
    void aPersonIsWrittenToInPolishUnlessTold() {
        assertThat(people.find("anna.nowak").orElseThrow().language()).isEqualTo("pl");
        assertThat(http.get(agent, "/api/v1/people?q=anna")
                        .expect(200)
                        .body()
                        .get(0)
                        .get("language")
                        .asString())
                .isEqualTo("pl");
    }

    @Test
    void anUpsertWithoutALanguageKeepsTheStoredOneAndOneWithALanguageSetsIt() {
        assertThat(people.upsert(
                        "anna.nowak", "Anna Nowak", "anna.nowak@um.krakow.pl", "KP-01", "en", "manual", Instant.now()))
                .isTrue();
        assertThat(people.find("anna.nowak").orElseThrow().language()).isEqualTo("en");
        assertThat(people.upsert(
                        "anna.nowak", "Anna Nowak", "anna.nowak@um.krakow.pl", "KP-01", "manual", Instant.now()))
                .as("nothing changed")
                .isFalse();
        assertThat(people.find("anna.nowak").orElseThrow().language()).isEqualTo("en");
        people.upsert("nowa.osoba", "Nowa Osoba", null, "KP-01", null, "manual", Instant.now());
        assertThat(people.find("nowa.osoba").orElseThrow().language()).isEqualTo("pl");
        assertThatThrownBy(
                        () -> people.upsert("anna.nowak", "Anna Nowak", null, "KP-01", "de", "manual", Instant.now()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theDatabaseRefusesAnotherLanguage() {
        assertThatThrownBy(() -> jdbc.sql("UPDATE person SET language = 'de' WHERE username = 'anna.nowak'")
                        .update())
                .isInstanceOf(DataIntegrityViolationException.class);
    }

    @Test
    void thePersonSetsTheirOwnLanguage() {
        JsonCalls.Response changed = http.put(
                        anna, "/api/v1/people/{u}/language", Map.of("language", "en"), null, "anna.nowak")
                .expect(200);
        assertThat(changed.body().get("language").asString()).isEqualTo("en");
        assertThat(people.find("anna.nowak").orElseThrow().language()).isEqualTo("en");
        assertThat(http.get(anna, "/api/v1/people/{u}", "anna.nowak")
                        .expect(200)
                        .body()
                        .get("language")
                        .asString())
                .isEqualTo("en");
    }

    @Test
    void anAdminSetsAnyonesLanguageAndNobodyElseDoes() {
        http.put(admin, "/api/v1/people/{u}/language", Map.of("language", "en"), null, "piotr.wisniewski")
                .expect(200);
        assertThat(people.find("piotr.wisniewski").orElseThrow().language()).isEqualTo("en");

        http.put(anna, "/api/v1/people/{u}/language", Map.of("language", "pl"), null, "piotr.wisniewski")
                .problem(403, "forbidden");
        http.put(agent, "/api/v1/people/{u}/language", Map.of("language", "pl"), null, "piotr.wisniewski")
                .problem(403, "forbidden");
        http.get(anna, "/api/v1/people/{u}", "piotr.wisniewski").problem(403, "forbidden");
        assertThat(people.find("piotr.wisniewski").orElseThrow().language()).isEqualTo("en");
    }

    @Test
    void anUnsupportedLanguageOrAnUnknownPersonIsAProblem() {
        http.put(anna, "/api/v1/people/{u}/language", Map.of("language", "de"), null, "anna.nowak")
                .problem(400, "unsupported-language");
        http.put(anna, "/api/v1/people/{u}/language", Map.of(), null, "anna.nowak")
                .problem(400, "unsupported-language");
        http.put(admin, "/api/v1/people/{u}/language", Map.of("language", "en"), null, "nikt.taki")
                .problem(404, "not-found");
        assertThat(people.find("anna.nowak").orElseThrow().language()).isEqualTo("pl");
    }
}
