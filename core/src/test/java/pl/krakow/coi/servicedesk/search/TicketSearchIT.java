package pl.krakow.coi.servicedesk.search;

import static org.assertj.core.api.Assertions.assertThat;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.util.UriBuilder;
import pl.krakow.coi.servicedesk.platform.elasticsearch.ElasticsearchProperties;
import pl.krakow.coi.servicedesk.platform.security.CurrentUser;
import pl.krakow.coi.servicedesk.testing.Api;
import pl.krakow.coi.servicedesk.testing.IntegrationTest;
import pl.krakow.coi.servicedesk.testing.TestUsers;
import pl.krakow.coi.servicedesk.ticket.TicketService;
import pl.krakow.coi.servicedesk.ticket.domain.Comment;
import pl.krakow.coi.servicedesk.ticket.domain.TicketState;
import pl.krakow.coi.servicedesk.ticket.domain.TicketType;
import tools.jackson.databind.JsonNode;

/** Ticket search through the real API, on the embedded Elasticsearch node, fed by the outbox relay. */
@IntegrationTest
class TicketSearchIT {

    final CurrentUser anna = TestUsers.requester("anna.nowak", "KP-01");
    final CurrentUser piotr = TestUsers.requester("piotr.wisniewski", "KP-03");
    final CurrentUser firstLine = TestUsers.firstLine("jan.kowalski");
    final CurrentUser userSupport = TestUsers.agent("ewa.zielinska", "IT-04-2");
    final CurrentUser security = TestUsers.agent("olga.sowa", "IT-02-1");
    final CurrentUser director = TestUsers.manager("dyrektor.coi", "COI-DYR");
    final CurrentUser strategist = TestUsers.manager("strateg.miejski", "IT-08");

    @Autowired
    Api api;

    @Autowired
    TicketService service;

    @Autowired
    ElasticsearchClient client;

    @Autowired
    ElasticsearchProperties elasticsearch;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    org.springframework.transaction.support.TransactionTemplate transactions;

    @Autowired
    TicketDocuments documents;

    @Autowired
    TicketIndex ticketIndex;

    @Autowired
    IndexBootstrap bootstrap;

    @Autowired
    Reindexes reindexes;

    @Autowired
    IndexFailures failures;

    @Autowired
    SearchProperties properties;

    @Autowired
    java.time.Clock clock;

    SearchFixtures fixtures;
    IndexProbe probe;

    @BeforeEach
    void setUp() {
        fixtures = new SearchFixtures(service);
        probe = new IndexProbe(client, elasticsearch.indexName("tickets"), jdbc);
    }

    @Test
    void aCommittedTicketIsFoundWithoutDiacriticsAndInAnyInflection() {
        TicketState printer = indexed(fixtures.incident(
                "Drukarka Kyocera w sekretariacie nie pobiera papieru",
                "Od rana drukarka w pokoju 118 wciąga kartki krzywo i sygnalizuje zacięcie."));
        for (String q :
                List.of("drukarki kyocera", "drukarke", "drukarką", "DRUKARKA", "zaciecie kartek", "pokój 118")) {
            assertThat(ids(search(firstLine, b -> b.queryParam("q", q)))).as(q).contains(printer.id());
        }
        assertThat(ids(search(firstLine, b -> b.queryParam("q", "skaner fujitsu"))))
                .doesNotContain(printer.id());
    }

    @Test
    void aNegatedWordFindsTheNegatedParticiple() {
        TicketState keyboard = indexed(fixtures.incident(
                "Niedziałająca klawiatura w laptopie", "Klawisze w prawym górnym rzędzie nie reagują."));
        assertThat(ids(search(firstLine, b -> b.queryParam("q", "nie działa klawiatura"))))
                .contains(keyboard.id());
    }

    @Test
    void ticketNumbersAndIdentifiersAreFoundExactlyAndRankFirst() {
        TicketState host = indexed(fixtures.incident(
                "Komputer restartuje się sam", "Stanowisko WS-KP09-321 w pokoju 12 restartuje się co godzinę."));
        TicketState neighbour = indexed(fixtures.incident(
                "Komputer restartuje się sam", "Stanowisko WS-KP09-322 obok też restartuje się co godzinę."));
        JsonNode byHost = search(firstLine, b -> b.queryParam("q", "ws-kp09-321"));
        assertThat(ids(byHost)).containsExactly(host.id());
        JsonNode byHostAndWords = search(firstLine, b -> b.queryParam("q", "WS-KP09-322 komputer restartuje"));
        assertThat(ids(byHostAndWords).get(0)).isEqualTo(neighbour.id());
        assertThat(ids(byHostAndWords)).contains(host.id());
        JsonNode byNumber =
                search(firstLine, b -> b.queryParam("q", host.number().value()));
        assertThat(ids(byNumber)).containsExactly(host.id());
        assertThat(byNumber.get("hits").get(0).get("number").asString())
                .isEqualTo(host.number().value());
    }

    @Test
    void aRequesterFindsOnlyOwnTickets() {
        TicketState annas = indexed(fixtures.file(
                TicketType.INCIDENT,
                "Monitor mruga zielonym kolorem",
                "Monitor mruga od rana.",
                null,
                SearchFixtures.requester("anna.nowak", "KP-01")));
        TicketState piotrs = indexed(fixtures.file(
                TicketType.INCIDENT,
                "Monitor mruga zielonym kolorem",
                "U mnie też monitor mruga.",
                null,
                SearchFixtures.requester("piotr.wisniewski", "KP-03")));
        assertThat(ids(search(anna, b -> b.queryParam("q", "monitor mruga zielonym"))))
                .contains(annas.id())
                .doesNotContain(piotrs.id());
        assertThat(ids(search(piotr, b -> b.queryParam("q", "monitor mruga zielonym"))))
                .contains(piotrs.id())
                .doesNotContain(annas.id());
        assertThat(ids(search(firstLine, b -> b.queryParam("q", "monitor mruga zielonym"))))
                .contains(annas.id(), piotrs.id());
        JsonNode annasFacets = search(anna, b -> b.queryParam("q", "monitor mruga zielonym"));
        assertThat(annasFacets.get("total").asLong()).isEqualTo(1);
        assertThat(annasFacets.get("facets").get("customerUnit").toString())
                .contains("KP-01")
                .doesNotContain("KP-03");
    }

    @Test
    void securityIncidentsAreFoundOnlyByThoseAllowed() {
        TicketState phishing = indexed(fixtures.file(
                TicketType.SECURITY_INCIDENT,
                "Podejrzana wiadomość z fakturą energetyczną",
                "Kliknąłem w link do faktury Enion i podałem hasło.",
                "SEC-PHISHING",
                SearchFixtures.requester("anna.nowak", "KP-01")));
        TicketState ordinary = indexed(fixtures.incident(
                "Faktura energetyczna nie drukuje się", "Nie mogę wydrukować faktury Enion z poczty."));
        String q = "faktura enion";
        assertThat(ids(search(security, b -> b.queryParam("q", q)))).contains(phishing.id());
        assertThat(ids(search(director, b -> b.queryParam("q", q)))).contains(phishing.id(), ordinary.id());
        assertThat(ids(search(TestUsers.manager("zastepca.pierwszy", "COI-Z1"), b -> b.queryParam("q", q))))
                .contains(phishing.id());
        assertThat(ids(search(anna, b -> b.queryParam("q", q))))
                .as("the reporter sees own report")
                .contains(phishing.id());
        assertThat(ids(search(firstLine, b -> b.queryParam("q", q))))
                .as("the first line holds it: every ticket enters there (ADR 0005)")
                .contains(ordinary.id(), phishing.id());
        assertThat(ids(search(strategist, b -> b.queryParam("q", q))))
                .contains(ordinary.id())
                .doesNotContain(phishing.id());
        assertThat(ids(search(userSupport, b -> b.queryParam("q", q)))).doesNotContain(phishing.id());
        assertThat(ids(search(TestUsers.admin("admin"), b -> b.queryParam("q", q))))
                .doesNotContain(phishing.id());
        assertThat(ids(search(piotr, b -> b.queryParam("q", q)))).isEmpty();
        assertThat(search(userSupport, b -> b.queryParam("q", q).queryParam("type", "SECURITY_INCIDENT"))
                        .get("total")
                        .asLong())
                .as("not even counted in facets or totals")
                .isZero();
    }

    @Test
    void internalCommentsAreNeverSearchableButPublicOnesAre() {
        TicketState ticket = fixtures.incident("Skaner nie skanuje do folderu", "Skaner Canon w pokoju 5.");
        fixtures.comment(ticket.id(), "Sprawdzono ustawienia udziału kanoniczny-wrzesień", Comment.Visibility.INTERNAL);
        TicketState commented = fixtures.comment(
                ticket.id(), "Proszę sprawdzić teraz, zmieniłem ścieżkę docelową", Comment.Visibility.PUBLIC);
        indexed(commented);
        assertThat(ids(search(firstLine, b -> b.queryParam("q", "kanoniczny-wrzesień"))))
                .isEmpty();
        JsonNode found = search(firstLine, b -> b.queryParam("q", "sciezka docelowa"));
        assertThat(ids(found)).contains(ticket.id());
        assertThat(hit(found, ticket.id())
                        .get("highlights")
                        .get("comments")
                        .get(0)
                        .asString())
                .contains("<mark>ścieżkę</mark> <mark>docelową</mark>");
    }

    @Test
    void highlightsMarkTheMatchingWordsOfTheOriginalText() {
        TicketState ticket = indexed(fixtures.incident(
                "Router <Mikrotik> w filii gubi połączenie",
                "W filii przy ul. Wysłouchów router gubi połączenie z internetem kilka razy dziennie, po restarcie"
                        + " działa. " + "Dodatkowe informacje o lokalizacji i sprzęcie. ".repeat(10)));
        JsonNode result = search(firstLine, b -> b.queryParam("q", "routery polaczenia"));
        JsonNode highlights = hit(result, ticket.id()).get("highlights");
        assertThat(highlights.get("title").get(0).asString())
                .isEqualTo("<mark>Router</mark> &lt;Mikrotik&gt; w filii gubi <mark>połączenie</mark>");
        assertThat(highlights.get("description").get(0).asString())
                .contains("<mark>router</mark> gubi <mark>połączenie</mark>")
                .endsWith("…");
    }

    @Test
    void filtersNarrowTheHitsWhileEachFacetCountsTheOtherValuesOfItsOwnFilter() {
        String word = "fakturowanie-zeta";
        TicketState a = indexed(fixtures.incident("Błąd " + word + " w systemie", "Pierwszy przypadek."));
        TicketState b = fixtures.incident("Błąd " + word + " w systemie", "Drugi przypadek.");
        b = indexed(fixtures.escalate(b.id(), "IT-05-1"));
        TicketState c = fixtures.incident("Błąd " + word + " w systemie", "Trzeci przypadek.");
        c = indexed(fixtures.resolve(c.id(), "Poprawiono konfigurację " + word + "."));

        JsonNode all = search(director, q -> q.queryParam("q", word));
        assertThat(ids(all)).containsExactlyInAnyOrder(a.id(), b.id(), c.id());
        assertThat(facet(all, "status"))
                .containsEntry("NEW", 1L)
                .containsEntry("ASSIGNED", 1L)
                .containsEntry("RESOLVED", 1L);

        JsonNode assigned = search(director, q -> q.queryParam("q", word).queryParam("status", "assigned"));
        assertThat(ids(assigned)).containsExactly(b.id());
        assertThat(assigned.get("total").asLong()).isEqualTo(1);
        assertThat(facet(assigned, "status"))
                .as("the status facet ignores the status filter")
                .containsEntry("NEW", 1L)
                .containsEntry("RESOLVED", 1L);
        assertThat(facet(assigned, "unit")).as("other facets apply it").containsOnly(Map.entry("IT-05-1", 1L));
        assertThat(facet(assigned, "line")).containsOnly(Map.entry("SECOND", 1L));

        JsonNode twoStatuses = search(director, q -> q.queryParam("q", word).queryParam("status", "NEW", "RESOLVED"));
        assertThat(ids(twoStatuses)).containsExactlyInAnyOrder(a.id(), c.id());

        JsonNode twoFilters = search(
                director,
                q -> q.queryParam("q", word)
                        .queryParam("status", "ASSIGNED", "RESOLVED")
                        .queryParam("unit", "IT-02-2"));
        assertThat(ids(twoFilters)).containsExactly(c.id());
        assertThat(twoFilters.get("total").asLong()).isEqualTo(1);
        assertThat(facet(twoFilters, "status"))
                .as("the unit filter applies, not the status filter")
                .containsOnly(Map.entry("NEW", 1L), Map.entry("RESOLVED", 1L));
        assertThat(facet(twoFilters, "unit"))
                .as("the status filter applies, not the unit filter")
                .containsOnly(Map.entry("IT-02-2", 1L), Map.entry("IT-05-1", 1L));
        assertThat(facet(twoFilters, "line")).as("both filters apply").containsOnly(Map.entry("FIRST", 1L));

        JsonNode chosen = search(
                director,
                q -> q.queryParam("q", word).queryParam("status", "ASSIGNED").queryParam("facets", "status,unit"));
        assertThat(ids(chosen)).containsExactly(b.id());
        assertThat(chosen.get("facets").propertyNames()).containsExactly("status", "unit");
        assertThat(facet(chosen, "status")).isEqualTo(facet(assigned, "status"));
        assertThat(facet(chosen, "unit")).isEqualTo(facet(assigned, "unit"));
        JsonNode none = search(director, q -> q.queryParam("q", word).queryParam("facets", "none"));
        assertThat(ids(none)).as("a quick search: hits, no counts").containsExactlyInAnyOrder(a.id(), b.id(), c.id());
        assertThat(none.get("total").asLong()).isEqualTo(3);
        assertThat(none.get("facets").isEmpty()).isTrue();
        assertThat(ids(search(director, q -> q.queryParam("q", word).queryParam("open", "false"))))
                .containsExactly(c.id());
        JsonNode openAssigned = search(
                director,
                q -> q.queryParam("q", word).queryParam("open", "true").queryParam("status", "ASSIGNED"));
        assertThat(ids(openAssigned)).containsExactly(b.id());
        assertThat(openAssigned.get("total").asLong()).isEqualTo(1);
        assertThat(facet(openAssigned, "status"))
                .as("open is no facet: it narrows every facet, the status facet too")
                .containsOnly(Map.entry("NEW", 1L), Map.entry("ASSIGNED", 1L));
        assertThat(facet(openAssigned, "unit"))
                .as("the open and the status filter apply")
                .isEqualTo(facet(assigned, "unit"));
        assertThat(ids(search(
                        director,
                        q -> q.queryParam("q", word)
                                .queryParam("unit", "IT-02-2")
                                .queryParam("customerUnit", "KP-01"))))
                .containsExactlyInAnyOrder(a.id(), c.id());
        assertThat(ids(search(
                        director,
                        q -> q.queryParam("q", word)
                                .queryParam("createdFrom", "2000-01-01T00:00:00Z")
                                .queryParam("createdTo", "2001-01-01T00:00:00Z"))))
                .isEmpty();
        assertThat(ids(search(
                        director, q -> q.queryParam("q", word).queryParam("resolvedFrom", "2000-01-01T00:00:00Z"))))
                .containsExactly(c.id());
        assertThat(facet(all, "slaState"))
                .as("filled by the SLA capability: the worst of the two targets")
                .containsOnly(Map.entry("RUNNING", 2L), Map.entry("MET", 1L));
    }

    @Test
    void deepPagesFollowTheCursorWithoutGapsOrRepeats() {
        String word = "paginacja-omega";
        Set<Long> created = new HashSet<>();
        TicketState last = null;
        for (int i = 0; i < 23; i++) {
            last = fixtures.incident("Zgłoszenie " + word + " numer " + i, "Opis " + word + " " + "słowo ".repeat(i));
            created.add(last.id());
        }
        indexed(last);
        probe.awaitIndexEqualsDatabase(java.time.Duration.ofSeconds(20));
        for (String sort : List.of("relevance", "created", "oldest", "updated", "priority")) {
            List<Long> seen = new ArrayList<>();
            String after = null;
            int pages = 0;
            do {
                String cursor = after;
                JsonNode page = search(director, q -> {
                    q.queryParam("q", word).queryParam("sort", sort).queryParam("size", 10);
                    return cursor == null ? q : q.queryParam("after", cursor);
                });
                seen.addAll(ids(page));
                after = page.get("next") == null || page.get("next").isNull()
                        ? null
                        : page.get("next").asString();
                pages++;
            } while (after != null && pages < 10);
            assertThat(seen).as(sort).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(created);
            if (sort.equals("created")) {
                assertThat(seen).isSortedAccordingTo((x, y) -> Long.compare(y, x));
            }
        }
    }

    @Test
    void badRequestsAreProblemsNotErrors() {
        for (Function<UriBuilder, UriBuilder> bad : List.<Function<UriBuilder, UriBuilder>>of(
                q -> q.queryParam("size", 0),
                q -> q.queryParam("size", 101),
                q -> q.queryParam("sort", "alphabetical"),
                q -> q.queryParam("after", "not-a-cursor"),
                q -> q.queryParam("ci", "drukarka"),
                q -> q.queryParam("facets", "status,colour"),
                q -> q.queryParam("q", "x".repeat(501)),
                q -> q.queryParam("createdFrom", "wczoraj"),
                q -> q.queryParam("createdFrom", "2026-02-01T00:00:00Z")
                        .queryParam("createdTo", "2026-01-01T00:00:00Z"))) {
            api.as(firstLine)
                    .get()
                    .uri(u -> bad.apply(u.path("/api/v1/search/tickets")).build())
                    .exchange()
                    .expectStatus()
                    .isEqualTo(HttpStatus.BAD_REQUEST)
                    .expectHeader()
                    .contentTypeCompatibleWith("application/problem+json");
        }
        api.anonymous()
                .get()
                .uri("/api/v1/search/tickets?q=drukarka")
                .exchange()
                .expectStatus()
                .isUnauthorized();
    }

    @Test
    void similarIncidentsAreResolvedTicketsWithTheirResolutionNotes() {
        TicketState solved = fixtures.incident(
                "Outlook nie wysyła wiadomości z dużym załącznikiem",
                "Wiadomość ze skanem umowy wraca z raportem o niedostarczeniu, załącznik ma 14 MB.");
        solved = indexed(fixtures.resolve(
                solved.id(), "Limit wiadomości to 10 MB; przekazano instrukcję udostępniania dużych plików."));
        TicketState stillOpen = indexed(fixtures.incident(
                "Outlook nie wysyła wiadomości z dużym załącznikiem", "Też wraca raport o niedostarczeniu."));
        TicketState unrelated = fixtures.incident("Telefon nie dzwoni", "Aparat w pokoju 3 nie ma sygnału.");
        indexed(fixtures.resolve(unrelated.id(), "Podłączono kabel."));
        TicketState asked = indexed(fixtures.incident(
                "Mail z dużym plikiem wraca",
                "Wysłałem e-mail z załącznikiem PDF i przyszedł raport o niedostarczeniu wiadomości."));

        JsonNode similar = api.as(firstLine)
                .get()
                .uri("/api/v1/tickets/{id}/similar", asked.id())
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(JsonNode.class)
                .returnResult()
                .getResponseBody();
        List<Long> similarIds = new ArrayList<>();
        similar.forEach(s -> similarIds.add(s.get("id").asLong()));
        assertThat(similarIds.get(0)).isEqualTo(solved.id());
        assertThat(similarIds).doesNotContain(asked.id(), stillOpen.id(), unrelated.id());
        assertThat(similar.get(0).get("resolutionNote").asString()).startsWith("Limit wiadomości to 10 MB");

        JsonNode byText = api.as(firstLine)
                .get()
                .uri(u -> u.path("/api/v1/search/similar")
                        .queryParam("text", "raport o niedostarczeniu duzy zalacznik")
                        .build())
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(JsonNode.class)
                .returnResult()
                .getResponseBody();
        assertThat(byText.get(0).get("id").asLong()).isEqualTo(solved.id());

        api.as(piotr)
                .get()
                .uri("/api/v1/tickets/{id}/similar", asked.id())
                .exchange()
                .expectStatus()
                .isNotFound();
    }

    @Test
    void theOutboxLagIsPublishedAsGauges() {
        indexed(fixtures.incident("Miernik opóźnienia", "Zgłoszenie do sprawdzenia metryk."));
        probe.awaitIndexEqualsDatabase(java.time.Duration.ofSeconds(20));
        String scrape = api.scraper()
                .get()
                .uri("/actuator/prometheus")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(String.class)
                .returnResult()
                .getResponseBody();
        assertThat(scrape)
                .containsPattern("servicedesk_search_outbox_lag_seconds\\{[^}]*\\} [0-9.]+")
                .containsPattern("servicedesk_search_outbox_rows\\{[^}]*\\} 0.0")
                .contains("servicedesk_search_relay_delay_seconds_bucket");
    }

    @Test
    void twoRelaysOnOneOutboxShareTheWorkAndLoseNothing() throws Exception {
        // A second replica's relay: its own instance and metrics, the same database and index.
        var registry = new io.micrometer.core.instrument.simple.SimpleMeterRegistry();
        OutboxRelay second = new OutboxRelay(
                jdbc,
                transactions,
                documents,
                ticketIndex,
                bootstrap,
                reindexes,
                failures,
                properties,
                clock,
                registry);
        var writers = java.util.concurrent.Executors.newFixedThreadPool(3);
        List<java.util.concurrent.Future<TicketState>> filed = new ArrayList<>();
        for (int i = 0; i < 150; i++) {
            int n = i;
            filed.add(writers.submit(() -> {
                TicketState t = fixtures.incident("Replika " + n, "Zgłoszenie do dwóch przekaźników " + n);
                second.trigger();
                return n % 2 == 0 ? fixtures.comment(t.id(), "Dopisek " + n, Comment.Visibility.PUBLIC) : t;
            }));
        }
        for (var future : filed) {
            future.get();
        }
        writers.shutdown();
        probe.awaitIndexEqualsDatabase(java.time.Duration.ofSeconds(60));
        second.destroy();
        assertThat(registry.counter("servicedesk.search.relay.documents").count())
                .as("the second relay took its share")
                .isPositive();
        assertThat(jdbc.sql("SELECT count(*) FROM search_index_failure")
                        .query(Long.class)
                        .single())
                .isZero();
    }

    private TicketState indexed(TicketState ticket) {
        probe.awaitSearchable(ticket.id(), ticket.version());
        return ticket;
    }

    JsonNode search(CurrentUser user, Function<UriBuilder, UriBuilder> query) {
        return api.as(user)
                .get()
                .uri(u -> query.apply(u.path("/api/v1/search/tickets")).build())
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(JsonNode.class)
                .returnResult()
                .getResponseBody();
    }

    static List<Long> ids(JsonNode result) {
        List<Long> ids = new ArrayList<>();
        result.get("hits").forEach(hit -> ids.add(hit.get("id").asLong()));
        return ids;
    }

    static JsonNode hit(JsonNode result, long id) {
        for (JsonNode hit : result.get("hits")) {
            if (hit.get("id").asLong() == id) {
                return hit;
            }
        }
        throw new AssertionError("No hit " + id + " in " + result);
    }

    static Map<String, Long> facet(JsonNode result, String name) {
        Map<String, Long> counts = new java.util.LinkedHashMap<>();
        result.get("facets")
                .get(name)
                .forEach(v ->
                        counts.put(v.get("value").asString(), v.get("count").asLong()));
        return counts;
    }
}
