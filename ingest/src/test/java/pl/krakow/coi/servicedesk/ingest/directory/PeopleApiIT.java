package pl.krakow.coi.servicedesk.ingest.directory;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import pl.krakow.coi.servicedesk.cmdb.JsonCalls;
import pl.krakow.coi.servicedesk.people.People;
import pl.krakow.coi.servicedesk.platform.security.CurrentUser;
import pl.krakow.coi.servicedesk.platform.security.Role;
import pl.krakow.coi.servicedesk.testing.Api;
import pl.krakow.coi.servicedesk.testing.IntegrationTest;
import pl.krakow.coi.servicedesk.testing.TestUsers;
import tools.jackson.databind.JsonNode;

/**
 * The people register's read API ({@code GET /api/v1/people?unit=&q=}): agents, managers and admins find
 * people of a unit or by name, username or e-mail (any case, Polish letters included); requesters and other
 * roles are refused; pages are bounded; bad parameters are problem+json.
 */
@IntegrationTest
class PeopleApiIT {

    static final CurrentUser AGENT = TestUsers.agent("ewa.zielinska", "IT-04-2");

    @Autowired
    Api api;

    @Autowired
    People people;

    @Autowired
    JdbcClient jdbc;

    JsonCalls json() {
        return new JsonCalls(api);
    }

    @BeforeEach
    void register() {
        jdbc.sql("DELETE FROM person").update();
        Instant now = Instant.parse("2026-03-02T08:00:00Z");
        people.upsert("anna.nowak", "Anna Nowak", "anna.nowak@um.krakow.pl", "KP-01", "directory", now);
        people.upsert(
                "maria.kowalska", "Maria Nowak-Kowalska", "maria.kowalska@um.krakow.pl", "KP-01", "directory", now);
        people.upsert("zaneta.kowalska", "Żaneta Kowalska", "zaneta.kowalska@um.krakow.pl", "KP-01", "directory", now);
        people.upsert("piotr.zielinski", "Piotr Zieliński", "piotr.zielinski@um.krakow.pl", "KP-02", "directory", now);
        people.upsert("test_konto", "Konto Testowe", null, "KP-02", "manual", now);
        people.upsert("ola.wrona", "Ola Wrona", "ola.wrona@um.krakow.pl", "KP-01", "directory", now);
        people.deactivateMissing(
                "directory",
                List.of("anna.nowak", "maria.kowalska", "zaneta.kowalska", "piotr.zielinski"),
                now.plusSeconds(60));
    }

    @Test
    void staffFindPeopleOfAUnitAndByNameUsernameOrEmailInAnyCase() {
        assertThat(usernames(AGENT, "/api/v1/people?unit=KP-01"))
                .as("active people of the unit, by name")
                .containsExactly("anna.nowak", "maria.kowalska", "zaneta.kowalska");
        assertThat(usernames(AGENT, "/api/v1/people?q={q}", "nowak")).containsExactly("anna.nowak", "maria.kowalska");
        assertThat(usernames(AGENT, "/api/v1/people?q={q}", "ŻANETA")).containsExactly("zaneta.kowalska");
        assertThat(usernames(AGENT, "/api/v1/people?q={q}", "zieliński")).containsExactly("piotr.zielinski");
        assertThat(usernames(AGENT, "/api/v1/people?q={q}", "PIOTR.ZIELINSKI@")).containsExactly("piotr.zielinski");
        assertThat(usernames(AGENT, "/api/v1/people?unit=KP-02&q=nowak")).isEmpty();
        assertThat(usernames(AGENT, "/api/v1/people?unit=XX-99")).isEmpty();
        JsonNode anna = json().get(AGENT, "/api/v1/people?q=anna.nowak")
                .expect(200)
                .body()
                .get(0);
        assertThat(anna.get("displayName").asString()).isEqualTo("Anna Nowak");
        assertThat(anna.get("email").asString()).isEqualTo("anna.nowak@um.krakow.pl");
        assertThat(anna.get("unitCode").asString()).isEqualTo("KP-01");
        assertThat(anna.get("active").asBoolean()).isTrue();

        assertThat(usernames(TestUsers.manager("zastepca3", "COI-Z3"), "/api/v1/people?unit=KP-02"))
                .containsExactly("test_konto", "piotr.zielinski");
        assertThat(usernames(TestUsers.admin("admin"), "/api/v1/people?q=kowalska"))
                .containsExactly("maria.kowalska", "zaneta.kowalska");
    }

    @Test
    void peopleWhoLeftAreListedOnlyWhenAskedFor() {
        assertThat(usernames(AGENT, "/api/v1/people?q=wrona")).isEmpty();
        JsonNode left = json().get(AGENT, "/api/v1/people?q=wrona&includeInactive=true")
                .expect(200)
                .body();
        assertThat(left.findValuesAsString("username")).containsExactly("ola.wrona");
        assertThat(left.get(0).get("active").asBoolean()).isFalse();
        assertThat(left.get(0).get("deactivatedAt").asString()).isEqualTo("2026-03-02T08:01:00Z");
    }

    @Test
    void wildcardsInTheQueryAreOrdinaryCharacters() {
        assertThat(usernames(AGENT, "/api/v1/people?q={q}", "_")).containsExactly("test_konto");
        assertThat(usernames(AGENT, "/api/v1/people?q={q}", "%")).isEmpty();
        assertThat(usernames(AGENT, "/api/v1/people?q={q}", "a%n")).isEmpty();
        assertThat(usernames(AGENT, "/api/v1/people?q={q}", "\\")).isEmpty();
    }

    @Test
    void requestersAndRolesOutsideTheServiceDeskAreRefused() {
        json().get(TestUsers.requester("anna.nowak", "KP-01"), "/api/v1/people?q=nowak")
                .problem(403, "forbidden");
        json().get(TestUsers.with("anna.cmdb", "IT-01-3", Role.CMDB_ADMIN), "/api/v1/people")
                .problem(403, "forbidden");
        json().get(TestUsers.with("prometheus", null, Role.INTEGRATION), "/api/v1/people")
                .problem(403, "forbidden");
        var anonymous = api.anonymous().get().uri("/api/v1/people").exchange().returnResult(JsonNode.class);
        assertThat(anonymous.getStatus().value()).isEqualTo(401);
        assertThat(anonymous.getResponseBody().get("type").asString()).endsWith("/unauthenticated");
    }

    @Test
    void pagesAreBoundedAndTogetherListEveryoneOnce() {
        List<String> all = new ArrayList<>();
        for (int page = 0; page < 4; page++) {
            List<String> items = usernames(AGENT, "/api/v1/people?size=2&page=" + page);
            assertThat(items.size()).isLessThanOrEqualTo(2);
            all.addAll(items);
        }
        assertThat(all)
                .containsExactly("anna.nowak", "test_konto", "maria.kowalska", "piotr.zielinski", "zaneta.kowalska");

        json().get(AGENT, "/api/v1/people?size=0").problem(400, "invalid-page-size");
        json().get(AGENT, "/api/v1/people?size=101").problem(400, "invalid-page-size");
        json().get(AGENT, "/api/v1/people?page=-1").problem(400, "invalid-page-size");
        json().get(AGENT, "/api/v1/people?page=10001").problem(400, "invalid-page-size");
        json().get(AGENT, "/api/v1/people?size=many").problem(400, "validation-failed");
        json().get(AGENT, "/api/v1/people?includeInactive=maybe").problem(400, "validation-failed");
        json().get(AGENT, "/api/v1/people?q=" + "x".repeat(101)).problem(400, "query-too-long");
        json().get(AGENT, "/api/v1/people?unit=" + "X".repeat(21)).problem(400, "invalid-unit");
    }

    private List<String> usernames(CurrentUser user, String uri, Object... vars) {
        return json().get(user, uri, vars).expect(200).body().findValuesAsString("username");
    }
}
