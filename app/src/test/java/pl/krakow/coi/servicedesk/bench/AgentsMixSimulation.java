package pl.krakow.coi.servicedesk.bench;

import static io.gatling.javaapi.core.CoreDsl.StringBody;
import static io.gatling.javaapi.core.CoreDsl.constantUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.percent;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.header;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Simulation;
import io.gatling.javaapi.http.HttpProtocolBuilder;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;

/**
 * A first-line agents' working mix at a fixed arrival rate (ADR 0067): Gatling's open model starts {@code rate}
 * agents' actions per second whatever the answers' latency, so a slow answer does not hold back the next request
 * (wrk's closed loop does, and its latencies then understate the queueing). Each action is one of: a queue view
 * (35 %), opening a ticket (20 %), an update (15 %: the ticket is read for its ETag, then patched with it in
 * {@code If-Match}), a comment (15 %), a search with every facet (15 %), the proportions of {@code mixed.lua}.
 *
 * <p>Run by {@link GatlingRun} with its parameters as system properties {@code benchmark.mix.*}: the base URL, an
 * agent's bearer token, the rate, the seconds, and the ids of the tickets the actions open, update and comment.
 * A 409 or 412 (another agent changed the ticket first) is an answer, not a failure.
 */
public class AgentsMixSimulation extends Simulation {

    static final String PREFIX = "benchmark.mix.";
    /** The search words of {@code bench/wrk/common.lua}. */
    static final List<String> WORDS = List.of(
            "drukarka",
            "hasło",
            "konto",
            "VPN",
            "poczta",
            "Outlook",
            "skaner",
            "monitor",
            "internet",
            "sieć",
            "ePUAP",
            "podpis",
            "certyfikat",
            "laptop",
            "telefon",
            "aplikacja",
            "błąd",
            "logowanie",
            "zablokowane",
            "Wielicka",
            "serwer",
            "dysk",
            "uprawnienia",
            "faktura",
            "wydruk",
            "licencja",
            "Teams",
            "karta",
            "zasilanie");

    static final List<String> URGENCIES = List.of("LOW", "MEDIUM", "HIGH");

    public AgentsMixSimulation() {
        String base = property("base");
        String token = property("token");
        double rate = Double.parseDouble(property("rate"));
        int seconds = Integer.parseInt(property("seconds"));
        List<String> tickets = List.of(property("tickets").split(","));

        Iterator<Map<String, Object>> choices = Stream.generate(() -> {
                    ThreadLocalRandom random = ThreadLocalRandom.current();
                    return Map.<String, Object>of(
                            "ticket", tickets.get(random.nextInt(tickets.size())),
                            "page", random.nextInt(4),
                            "word", WORDS.get(random.nextInt(WORDS.size())),
                            "urgency", URGENCIES.get(random.nextInt(URGENCIES.size())),
                            "internal", random.nextBoolean());
                })
                .iterator();

        HttpProtocolBuilder protocol = http.baseUrl(base)
                .authorizationHeader("Bearer " + token)
                .acceptHeader("application/json")
                // Agents' browsers keep their connections; a new connection per action would measure TCP set-up.
                .shareConnections();

        ChainBuilder queue = exec(http("queue view")
                .get("/api/v1/tickets")
                .queryParam("unit", "IT-02-2")
                .queryParam("open", "true")
                .queryParam("sort", "priority")
                .queryParam("size", "25")
                .queryParam("page", "#{page}"));
        ChainBuilder open = exec(http("open a ticket").get("/api/v1/tickets/#{ticket}"));
        ChainBuilder update = exec(http("read for update")
                        .get("/api/v1/tickets/#{ticket}")
                        .check(header("ETag").saveAs("etag")))
                .exec(http("update")
                        .patch("/api/v1/tickets/#{ticket}")
                        .header("If-Match", "#{etag}")
                        .body(StringBody("{\"urgency\":\"#{urgency}\"}"))
                        .asJson()
                        .check(status().in(200, 409, 412)));
        ChainBuilder comment = exec(http("comment")
                .post("/api/v1/tickets/#{ticket}/comments")
                .body(StringBody("{\"body\":\"Sprawdzam zgłoszenie, proszę o cierpliwość.\",\"internal\":#{internal}}"))
                .asJson()
                .check(status().in(200, 201, 409)));
        ChainBuilder search = exec(http("search")
                .get("/api/v1/search/tickets")
                .queryParam("q", "#{word}")
                .queryParam("size", "20"));

        ScenarioBuilder agents = scenario("agents' mix")
                .feed(choices)
                .randomSwitch()
                .on(
                        percent(35.0).then(queue),
                        percent(20.0).then(open),
                        percent(15.0).then(update),
                        percent(15.0).then(comment),
                        percent(15.0).then(search));

        setUp(agents.injectOpen(constantUsersPerSec(rate).during(Duration.ofSeconds(seconds))))
                .protocols(protocol);
    }

    private static String property(String name) {
        String value = System.getProperty(PREFIX + name);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("System property " + PREFIX + name + " is not set");
        }
        return value;
    }
}
