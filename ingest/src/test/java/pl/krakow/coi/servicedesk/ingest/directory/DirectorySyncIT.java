package pl.krakow.coi.servicedesk.ingest.directory;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import pl.krakow.coi.servicedesk.cmdb.JsonCalls;
import pl.krakow.coi.servicedesk.people.People;
import pl.krakow.coi.servicedesk.platform.security.CurrentUser;
import pl.krakow.coi.servicedesk.testing.Api;
import pl.krakow.coi.servicedesk.testing.IntegrationTest;
import pl.krakow.coi.servicedesk.testing.TestUsers;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The directory sync against a directory served by WireMock: every page read, units upserted as customer
 * units, people upserted and deactivated (never deleted), 5xx/429 and timeouts retried with backoff, malformed
 * or refused answers failing the sync with nothing written, and the contract of docs/ingest/directory.md
 * accepted as written.
 */
@IntegrationTest(
        properties = {
            "servicedesk.ingest.directory.token=directory-token",
            "servicedesk.ingest.directory.page-size=2",
            "servicedesk.ingest.directory.connect-timeout=1s",
            "servicedesk.ingest.directory.read-timeout=1s",
            "servicedesk.ingest.directory.max-attempts=3",
            "servicedesk.ingest.directory.backoff=200ms"
        })
class DirectorySyncIT {

    static final CurrentUser ADMIN = TestUsers.admin("admin");
    static final CurrentUser AGENT = TestUsers.firstLine("jan.kowalski");
    static final JsonMapper JSON = JsonMapper.builder().build();

    @RegisterExtension
    static WireMockExtension directory = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort())
            .build();

    @DynamicPropertySource
    static void directoryUrl(DynamicPropertyRegistry registry) {
        registry.add("servicedesk.ingest.directory.base-url", () -> directory.baseUrl() + "/hr/");
    }

    @Autowired
    Api api;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    People people;

    JsonCalls json() {
        return new JsonCalls(api);
    }

    @BeforeEach
    void noPeopleYet() {
        jdbc.sql("DELETE FROM person").update();
    }

    @Test
    void readsEveryPageUpsertsUnitsAsCustomerUnitsAndPeople() {
        // A child before its parent, on another page; a Centre unit the directory must not change.
        serve("units", 0, 2, unit("WS-01", "Referat Świadczeń", "WS"), unit("WS", "Wydział Spraw Społecznych", null));
        serve("units", 1, 2, unit("WS-02", "Referat Rodziny", "WS"), unit("IT-04-2", "Przejęty dział", null));
        serve(
                "people",
                0,
                3,
                person("anna.nowak", "Anna Nowak", "KP-01"),
                person("piotr.zielinski", "Piotr Zieliński", "WS-01"));
        Map<String, Object> longEmail = person("ewa.dluga", "Ewa Długa", "WS-01");
        longEmail.put("email", "e".repeat(250) + "@um.krakow.pl");
        serve("people", 1, 3, person("ola.wrona", "Ola Wrona", "WS-02"), longEmail);
        serve("people", 2, 3, person("jan.obcy", "Jan Obcy", "XX-99"));

        json().post(AGENT, "/api/v1/ingest/directory/sync", Map.of()).problem(403, "forbidden");
        JsonNode report = sync().expect(200).body();

        assertThat(report.get("units").asInt()).isEqualTo(4);
        assertThat(report.get("unitsChanged").asInt()).isEqualTo(3);
        assertThat(report.get("people").asInt()).isEqualTo(5);
        assertThat(report.get("peopleChanged").asInt()).isEqualTo(5);
        assertThat(report.get("deactivated").asInt()).isZero();
        assertThat(report.get("warnings").toString())
                .contains("IT-04-2")
                .contains("XX-99")
                .contains("ewa.dluga");
        for (int page = 0; page < 2; page++) {
            directory.verify(1, pageRequest("units", page));
        }
        for (int page = 0; page < 3; page++) {
            directory.verify(1, pageRequest("people", page));
        }

        JsonNode customers = json().get(TestUsers.requester("anna.nowak", "KP-01"), "/api/v1/units?kind=CUSTOMER")
                .expect(200)
                .body();
        assertThat(unitLine(customers, "WS")).isEqualTo("WS Wydział Spraw Społecznych CUSTOMER parent=- active");
        assertThat(unitLine(customers, "WS-01")).isEqualTo("WS-01 Referat Świadczeń CUSTOMER parent=WS active");
        assertThat(unitLine(customers, "WS-02")).isEqualTo("WS-02 Referat Rodziny CUSTOMER parent=WS active");
        JsonNode userSupport =
                json().get(ADMIN, "/api/v1/units/IT-04-2").expect(200).body();
        assertThat(userSupport.get("kind").asString()).isEqualTo("COI_UNIT");
        assertThat(userSupport.get("namePl").asString()).isNotEqualTo("Przejęty dział");

        JsonNode ws01 =
                json().get(AGENT, "/api/v1/people?unit=WS-01").expect(200).body();
        assertThat(ws01.findValuesAsString("username")).containsExactly("ewa.dluga", "piotr.zielinski");
        assertThat(ws01.get(0).path("email").isMissingNode())
                .as("an e-mail too long to be one")
                .isTrue();
        assertThat(ws01.get(1).get("email").asString()).isEqualTo("piotr.zielinski@um.krakow.pl");
        assertThat(people.find("jan.obcy").orElseThrow().unitCode())
                .as("a unit nobody knows")
                .isNull();

        JsonNode again = sync().expect(200).body();
        assertThat(again.get("unitsChanged").asInt()).as("nothing changed").isZero();
        assertThat(again.get("peopleChanged").asInt()).isZero();
        assertThat(again.get("deactivated").asInt()).isZero();
    }

    @Test
    void peopleWhoLeftAreDeactivatedNeverDeletedAndComeBackWhenListedAgain() {
        serve("units", 0, 1);
        serve(
                "people",
                0,
                2,
                person("anna.nowak", "Anna Nowak", "KP-01"),
                person("piotr.zielinski", "Piotr Zieliński", "KP-02"));
        serve("people", 1, 2, person("ola.wrona", "Ola Wrona", "KP-03"));
        assertThat(sync().expect(200).body().get("peopleChanged").asInt()).isEqualTo(3);

        Map<String, Object> left = person("piotr.zielinski", "Piotr Zieliński", "KP-02");
        left.put("active", false);
        serve("people", 0, 1, person("anna.nowak", "Anna Nowak", "KP-01"), left);
        JsonNode report = sync().expect(200).body();
        assertThat(report.get("deactivated").asInt())
                .as("one listed as inactive, one no longer listed")
                .isEqualTo(2);
        assertThat(jdbc.sql("SELECT count(*) FROM person").query(Long.class).single())
                .as("never deleted")
                .isEqualTo(3);
        assertThat(people.find("piotr.zielinski").orElseThrow().active()).isFalse();
        assertThat(people.find("piotr.zielinski").orElseThrow().deactivatedAt()).isNotNull();
        assertThat(people.find("ola.wrona").orElseThrow().active()).isFalse();
        assertThat(people.find("anna.nowak").orElseThrow().active()).isTrue();
        assertThat(json().get(AGENT, "/api/v1/people?q=wrona")
                        .expect(200)
                        .body()
                        .size())
                .isZero();
        assertThat(json().get(AGENT, "/api/v1/people?q=wrona&includeInactive=true")
                        .expect(200)
                        .body()
                        .findValuesAsString("username"))
                .containsExactly("ola.wrona");

        serve("people", 0, 2, person("anna.nowak", "Anna Nowak", "KP-01"), left);
        serve("people", 1, 2, person("ola.wrona", "Ola Wrona", "KP-04"));
        JsonNode back = sync().expect(200).body();
        assertThat(back.get("peopleChanged").asInt()).isEqualTo(1);
        assertThat(back.get("deactivated").asInt()).isZero();
        var ola = people.find("ola.wrona").orElseThrow();
        assertThat(ola.active()).isTrue();
        assertThat(ola.deactivatedAt()).isNull();
        assertThat(ola.unitCode()).isEqualTo("KP-04");
        assertThat(people.find("piotr.zielinski").orElseThrow().active()).isFalse();
    }

    @Test
    void thePreferredLanguageIsTakenWhenTheDirectoryHasOneAndThePersonsKeptOtherwise() {
        serve("units", 0, 1);
        Map<String, Object> english = person("anna.nowak", "Anna Nowak", "KP-01");
        english.put("preferredLanguage", "en-GB");
        Map<String, Object> polish = person("piotr.zielinski", "Piotr Zieliński", "KP-02");
        polish.put("preferredLanguage", "pl_PL");
        Map<String, Object> german = person("ola.wrona", "Ola Wrona", "KP-03");
        german.put("preferredLanguage", "de");
        serve("people", 0, 1, english, polish, german, person("ewa.cicha", "Ewa Cicha", "KP-03"));
        JsonNode report = sync().expect(200).body();
        assertThat(report.get("warnings").toString()).contains("ola.wrona").contains("de");
        assertThat(people.find("anna.nowak").orElseThrow().language()).isEqualTo("en");
        assertThat(people.find("piotr.zielinski").orElseThrow().language()).isEqualTo("pl");
        assertThat(people.find("ola.wrona").orElseThrow().language())
                .as("unsupported: the default")
                .isEqualTo("pl");
        assertThat(people.find("ewa.cicha").orElseThrow().language())
                .as("none: the default")
                .isEqualTo("pl");

        // Ewa chose English herself; a directory without her preference keeps it, one with it decides.
        people.setLanguage("ewa.cicha", "en", Instant.now());
        english.put("preferredLanguage", "pl");
        serve("people", 0, 1, english, polish, german, person("ewa.cicha", "Ewa Cicha", "KP-03"));
        JsonNode again = sync().expect(200).body();
        assertThat(again.get("peopleChanged").asInt()).as("anna only").isEqualTo(1);
        assertThat(people.find("ewa.cicha").orElseThrow().language()).isEqualTo("en");
        assertThat(people.find("anna.nowak").orElseThrow().language()).isEqualTo("pl");
    }

    @Test
    void aServerErrorOrThrottlingIsRetriedWithBackoffThenTheSyncSucceeds() {
        directory.stubFor(get(urlPathEqualTo("/hr/units"))
                .inScenario("flaky")
                .whenScenarioStateIs(STARTED)
                .willReturn(aResponse().withStatus(503).withBody("maintenance"))
                .willSetStateTo("throttled"));
        directory.stubFor(get(urlPathEqualTo("/hr/units"))
                .inScenario("flaky")
                .whenScenarioStateIs("throttled")
                .willReturn(aResponse().withStatus(429))
                .willSetStateTo("up"));
        directory.stubFor(get(urlPathEqualTo("/hr/units"))
                .inScenario("flaky")
                .whenScenarioStateIs("up")
                .willReturn(okJson(page(0, 1, unit("RT-01", "Referat Testowy", null)))));
        serve("people", 0, 1, person("anna.nowak", "Anna Nowak", "RT-01"));

        Instant start = Instant.now();
        JsonNode report = sync().expect(200).body();
        Duration took = Duration.between(start, Instant.now());

        directory.verify(3, pageRequest("units", 0));
        assertThat(took).as("200 ms, then 400 ms of backoff").isGreaterThanOrEqualTo(Duration.ofMillis(600));
        assertThat(report.get("unitsChanged").asInt()).isEqualTo(1);
        assertThat(people.find("anna.nowak").orElseThrow().unitCode()).isEqualTo("RT-01");
    }

    @Test
    void aSlowAnswerTimesOutAndIsRetried() {
        directory.stubFor(get(urlPathEqualTo("/hr/people"))
                .inScenario("slow")
                .whenScenarioStateIs(STARTED)
                .willReturn(okJson(page(0, 1, person("anna.nowak", "Anna Nowak", "KP-01")))
                        .withFixedDelay(3000))
                .willSetStateTo("fast"));
        directory.stubFor(get(urlPathEqualTo("/hr/people"))
                .inScenario("slow")
                .whenScenarioStateIs("fast")
                .willReturn(okJson(page(0, 1, person("anna.nowak", "Anna Nowak", "KP-01")))));
        serve("units", 0, 1);

        Instant start = Instant.now();
        sync().expect(200);
        assertThat(Duration.between(start, Instant.now()))
                .as("the read timeout (1 s), not the answer's 3 s, then the backoff")
                .isBetween(Duration.ofMillis(1200), Duration.ofMillis(2900));
        directory.verify(2, pageRequest("people", 0));
        assertThat(people.find("anna.nowak")).isPresent();
    }

    @Test
    void aDirectoryThatStaysSlowFailsTheSyncCleanlyAndChangesNothing() {
        people.upsert("anna.nowak", "Anna Nowak", null, "KP-01", "directory", Instant.now());
        serve("units", 0, 1, unit("SL-01", "Referat Powolny", null));
        directory.stubFor(get(urlPathEqualTo("/hr/people"))
                .willReturn(okJson(page(0, 1, person("bob.nowy", "Bob Nowy", "KP-01")))
                        .withFixedDelay(3000)));

        Instant start = Instant.now();
        JsonNode problem = sync().problem(503, "directory-unavailable").body();
        assertThat(Duration.between(start, Instant.now()))
                .as("3 attempts of 1 s and 0.6 s of backoff")
                .isBetween(Duration.ofMillis(3500), Duration.ofSeconds(8));
        assertThat(problem.get("detail").asString())
                .contains("after 3 attempts")
                .contains("people");
        directory.verify(3, pageRequest("people", 0));
        assertNothingWritten();
    }

    @Test
    void aMalformedOrRefusedAnswerFailsTheSyncWithoutAnyPartialWrite() {
        people.upsert("anna.nowak", "Anna Nowak", null, "KP-01", "directory", Instant.now());
        Map<String, String> malformed = new LinkedHashMap<>();
        malformed.put("truncated JSON", "{\"items\": [{\"username\": \"bob.nowy\", \"displayName\": \"Bob");
        malformed.put("items not a list", "{\"items\": {\"username\": \"bob.nowy\"}, \"page\": 1, \"totalPages\": 2}");
        malformed.put("an item not an object", "{\"items\": [\"bob.nowy\"], \"page\": 1, \"totalPages\": 2}");
        malformed.put(
                "renamed fields",
                "{\"items\": [{\"login\": \"bob.nowy\", \"name\": \"Bob Nowy\"}], \"page\": 1, \"totalPages\": 2}");
        malformed.put(
                "active not a boolean",
                "{\"items\": [{\"username\": \"bob.nowy\", \"displayName\": \"Bob Nowy\", \"active\": \"tak\"}],"
                        + " \"page\": 1, \"totalPages\": 2}");
        malformed.put("no totalPages", "{\"items\": [{\"username\": \"bob.nowy\", \"displayName\": \"Bob Nowy\"}]}");
        for (Map.Entry<String, String> answer : malformed.entrySet()) {
            directory.resetAll();
            serve("units", 0, 1, unit("MAL-01", "Referat Zepsuty", null));
            serve("people", 0, 2, person("anna.nowak", "Anna Nowak", "MAL-01"), person("ewa.nowa", "Ewa Nowa", null));
            directory.stubFor(get(urlPathEqualTo("/hr/people"))
                    .withQueryParam("page", equalTo("1"))
                    .willReturn(okJson(answer.getValue())));
            JsonNode problem = sync().problem(503, "directory-malformed").body();
            assertThat(problem.get("detail").asString()).as(answer.getKey()).contains("people");
            directory.verify(1, pageRequest("people", 1));
            assertNothingWritten();
        }

        directory.resetAll();
        serve("units", 0, 1, unit("MAL-01", "Referat Zepsuty", null));
        directory.stubFor(
                get(urlPathEqualTo("/hr/people")).willReturn(aResponse().withStatus(401)));
        assertThat(sync().problem(503, "directory-unavailable")
                        .body()
                        .get("detail")
                        .asString())
                .contains("HTTP 401");
        directory.verify(1, pageRequest("people", 0));
        assertNothingWritten();
    }

    @Test
    void theContractInTheDocsIsWhatTheSyncReadsAndSends() throws IOException {
        Path docs = Path.of("..", "docs", "ingest");
        List<String> blocks = jsonBlocks(Files.readString(docs.resolve("directory.md")));
        assertThat(blocks).hasSize(2);
        JsonNode unitsPage = JSON.readTree(blocks.get(0));
        JsonNode peoplePage = JSON.readTree(blocks.get(1));
        directory.stubFor(get(urlPathEqualTo("/hr/units"))
                .withQueryParam("page", equalTo("0"))
                .willReturn(okJson(blocks.get(0))));
        directory.stubFor(get(urlPathEqualTo("/hr/people"))
                .withQueryParam("page", equalTo("0"))
                .willReturn(okJson(blocks.get(1))));
        // The documented people page says there are 3 pages: reading stops at an empty one.
        directory.stubFor(get(urlPathEqualTo("/hr/people"))
                .withQueryParam("page", equalTo("1"))
                .willReturn(okJson("{\"items\": [], \"page\": 1, \"size\": 500, \"totalPages\": 3}")));

        JsonNode report = sync().expect(200).body();
        assertThat(report.get("units").asInt()).isEqualTo(unitsPage.get("items").size());
        JsonNode documentedPerson = peoplePage.get("items").get(0);
        var person = people.find(documentedPerson.get("username").asString()).orElseThrow();
        assertThat(person.displayName())
                .isEqualTo(documentedPerson.get("displayName").asString());
        assertThat(person.email()).isEqualTo(documentedPerson.get("email").asString());
        assertThat(person.unitCode()).isEqualTo(documentedPerson.get("unitCode").asString());
        directory.verify(0, pageRequest("people", 2));
        directory.verify(getRequestedFor(urlPathEqualTo("/hr/units"))
                .withQueryParam("size", equalTo("2"))
                .withHeader("Authorization", equalTo("Bearer directory-token"))
                .withHeader("Accept", equalTo("application/json")));

        // The example files of the contract.
        directory.resetAll();
        directory.stubFor(get(urlPathEqualTo("/hr/units"))
                .willReturn(okJson(Files.readString(docs.resolve("examples/directory-units.json")))));
        directory.stubFor(get(urlPathEqualTo("/hr/people"))
                .willReturn(okJson(Files.readString(docs.resolve("examples/directory-people.json")))));
        JsonNode examples = sync().expect(200).body();
        assertThat(examples.get("warnings").size()).as("%s", examples).isZero();
        JsonNode units =
                json().get(AGENT, "/api/v1/units?kind=CUSTOMER").expect(200).body();
        assertThat(unitLine(units, "WS-01")).isEqualTo("WS-01 Referat Świadczeń CUSTOMER parent=WS active");
        assertThat(people.find("piotr.zielinski").orElseThrow().unitCode()).isEqualTo("WS-01");
    }

    private JsonCalls.Response sync() {
        return json().post(ADMIN, "/api/v1/ingest/directory/sync", Map.of());
    }

    private void assertNothingWritten() {
        assertThat(jdbc.sql("SELECT count(*) FROM org_unit WHERE code IN ('MAL-01', 'SL-01')")
                        .query(Long.class)
                        .single())
                .isZero();
        assertThat(people.find("bob.nowy")).isEmpty();
        assertThat(people.find("ewa.nowa")).isEmpty();
        var anna = people.find("anna.nowak").orElseThrow();
        assertThat(anna.active()).as("nobody deactivated").isTrue();
        assertThat(anna.unitCode()).isEqualTo("KP-01");
    }

    private static com.github.tomakehurst.wiremock.matching.RequestPatternBuilder pageRequest(
            String collection, int page) {
        return getRequestedFor(urlPathEqualTo("/hr/" + collection))
                .withQueryParam("page", equalTo(String.valueOf(page)))
                .withQueryParam("size", equalTo("2"))
                .withHeader("Authorization", equalTo("Bearer directory-token"));
    }

    @SafeVarargs
    private static void serve(String collection, int page, int totalPages, Map<String, Object>... items) {
        directory.stubFor(get(urlPathEqualTo("/hr/" + collection))
                .withQueryParam("page", equalTo(String.valueOf(page)))
                .willReturn(okJson(page(page, totalPages, items))));
    }

    @SafeVarargs
    private static String page(int page, int totalPages, Map<String, Object>... items) {
        Map<String, Object> body = new LinkedHashMap<>();
        // Copied item by item: handing the varargs array itself to a generic method is what javac's varargs lint flags.
        List<Map<String, Object>> list = new ArrayList<>();
        for (Map<String, Object> item : items) {
            list.add(item);
        }
        body.put("items", list);
        body.put("page", page);
        body.put("size", 2);
        body.put("totalPages", totalPages);
        return JSON.writeValueAsString(body);
    }

    private static Map<String, Object> unit(String code, String name, String parent) {
        Map<String, Object> unit = new LinkedHashMap<>();
        unit.put("code", code);
        unit.put("name", name);
        unit.put("nameEn", name);
        if (parent != null) {
            unit.put("parentCode", parent);
        }
        unit.put("active", true);
        return unit;
    }

    private static Map<String, Object> person(String username, String name, String unit) {
        Map<String, Object> person = new LinkedHashMap<>();
        person.put("username", username);
        person.put("displayName", name);
        person.put("email", username + "@um.krakow.pl");
        person.put("unitCode", unit);
        person.put("active", true);
        return person;
    }

    private static String unitLine(JsonNode units, String code) {
        for (JsonNode unit : units) {
            if (unit.get("code").asString().equals(code)) {
                return code + " " + unit.get("namePl").asString() + " "
                        + unit.get("kind").asString() + " parent="
                        + unit.path("parentCode").asString("-") + " "
                        + (unit.get("active").asBoolean() ? "active" : "inactive");
            }
        }
        return code + " missing";
    }

    /** The fenced JSON code blocks of a Markdown text. */
    private static List<String> jsonBlocks(String markdown) {
        List<String> blocks = new ArrayList<>();
        Matcher m = Pattern.compile("```json\\n(.*?)```", Pattern.DOTALL).matcher(markdown);
        while (m.find()) {
            blocks.add(m.group(1));
        }
        return blocks;
    }
}
