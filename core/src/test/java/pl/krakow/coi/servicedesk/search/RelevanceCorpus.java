package pl.krakow.coi.servicedesk.search;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import pl.krakow.coi.servicedesk.catalogue.Categories;
import pl.krakow.coi.servicedesk.ticket.TicketChanges;
import pl.krakow.coi.servicedesk.ticket.TicketService;
import pl.krakow.coi.servicedesk.ticket.domain.Actor;
import pl.krakow.coi.servicedesk.ticket.domain.Channel;
import pl.krakow.coi.servicedesk.ticket.domain.Comment;
import pl.krakow.coi.servicedesk.ticket.domain.Impact;
import pl.krakow.coi.servicedesk.ticket.domain.Requester;
import pl.krakow.coi.servicedesk.ticket.domain.Resolution;
import pl.krakow.coi.servicedesk.ticket.domain.Ticket;
import pl.krakow.coi.servicedesk.ticket.domain.TicketState;
import pl.krakow.coi.servicedesk.ticket.domain.TicketType;
import pl.krakow.coi.servicedesk.ticket.domain.UnitCode;
import pl.krakow.coi.servicedesk.ticket.domain.Urgency;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The corpus of the relevance evaluation, registered through {@link TicketService}:
 *
 * <ul>
 *   <li>background tickets: every Polish example of the routing training and evaluation sets (all
 *       catalogue categories), each filed two or three times as different employees write it (with
 *       or without diacritics, with a room, a building or a plea added), about half of them resolved
 *       with a note typical of the category's group;
 *   <li>the hand-written target tickets of {@code search/relevance-targets.jsonl}, with their
 *       resolution notes and public and internal comments.
 * </ul>
 *
 * Deterministic (fixed seed), so the figures of two runs are comparable.
 */
final class RelevanceCorpus {

    private static final String[] BUILDINGS = {
        "Plac Wszystkich Świętych 3-4", "ul. Wielicka 28a", "al. Powstania Warszawskiego 10", "os. Zgody 2",
        "ul. Dunajewskiego 6", "ul. Przy Rondzie 6", "ul. Grzegórzecka 20", "ul. Bosacka 8"
    };
    private static final String[] PLEAS = {
        "Proszę o pilną pomoc.", "Bardzo proszę o kontakt.", "Sprawa pilna, stoi obsługa klientów.",
        "Z góry dziękuję.", "Proszę o informację, kiedy ktoś podejdzie.", ""
    };
    private static final Map<String, String[]> NOTES = notes();
    private static final String[] PEOPLE = {
        "anna.nowak", "piotr.wisniewski", "maria.wojcik", "tomasz.kaminski", "katarzyna.lewandowska",
        "michal.zielinski", "agnieszka.szymanska", "krzysztof.wozniak", "barbara.dabrowska", "pawel.kozlowski",
        "ewa.jankowska", "marek.mazur", "joanna.kwiatkowska", "adam.krawczyk", "magdalena.piotrowska"
    };
    private static final String[] UNITS = {"KP-01", "KP-02", "KP-03", "KP-04", "KP-05", "PO"};

    private final TicketService service;
    private final Categories categories;
    private final JsonMapper json;

    RelevanceCorpus(TicketService service, Categories categories, JsonMapper json) {
        this.service = service;
        this.categories = categories;
        this.json = json;
    }

    /** Files the background tickets; returns how many. */
    int fileBackground(int target) {
        List<JsonNode> examples = new ArrayList<>();
        examples.addAll(read("/routing/training-examples.jsonl"));
        examples.addAll(read("/routing/evaluation-set.jsonl"));
        Random random = new Random(20261121);
        Instant start = Instant.parse("2025-01-02T07:30:00Z");
        int filed = 0;
        while (filed < target) {
            JsonNode example = examples.get(filed % examples.size());
            String category = example.has("category") ? example.get("category").asString() : null;
            String title = example.get("title").asString();
            String description = example.get("description").asString();
            if (random.nextInt(4) == 0) {
                title = withoutDiacritics(title);
                description = withoutDiacritics(description);
            }
            String extra = switch (random.nextInt(3)) {
                case 0 ->
                    " Pokój " + (100 + random.nextInt(350)) + ", " + BUILDINGS[random.nextInt(BUILDINGS.length)] + ".";
                case 1 -> " Tel. wewn. " + (6000 + random.nextInt(999)) + ".";
                default -> "";
            };
            description = description + extra + " " + PLEAS[random.nextInt(PLEAS.length)];
            Instant at = start.plus(filed * 97L, ChronoUnit.MINUTES);
            TicketState ticket = register(
                    typeOf(category),
                    title,
                    description.trim(),
                    category,
                    new Requester(
                            PEOPLE[random.nextInt(PEOPLE.length)],
                            null,
                            Optional.of(new UnitCode(UNITS[random.nextInt(UNITS.length)]))),
                    at);
            if (random.nextBoolean()) {
                String[] pool = NOTES.getOrDefault(group(category), NOTES.get(""));
                String note = pool[random.nextInt(pool.length)];
                TicketChanges.apply(service, ticket.id(), (t, now) -> t.resolve(Resolution.FIXED, note, agent(t), now));
            }
            filed++;
        }
        return filed;
    }

    /** Files the target tickets; returns their ids by target id (T001 …). */
    Map<String, TicketState> fileTargets() {
        Map<String, TicketState> targets = new LinkedHashMap<>();
        Random random = new Random(7);
        Instant start = Instant.parse("2025-06-02T07:30:00Z");
        int n = 0;
        for (JsonNode target : read("/search/relevance-targets.jsonl")) {
            String category = target.get("category").asString();
            TicketState ticket = register(
                    typeOf(category),
                    target.get("title").asString(),
                    target.get("description").asString(),
                    category,
                    new Requester(
                            PEOPLE[random.nextInt(PEOPLE.length)],
                            null,
                            Optional.of(new UnitCode(UNITS[random.nextInt(UNITS.length)]))),
                    start.plus(n++ * 131L, ChronoUnit.MINUTES));
            long id = ticket.id();
            if (target.has("internal")) {
                String body = target.get("internal").asString();
                ticket = TicketChanges.apply(
                        service, id, (t, now) -> t.comment(body, Comment.Visibility.INTERNAL, agent(t), now));
            }
            if (target.has("comment")) {
                String body = target.get("comment").asString();
                ticket = TicketChanges.apply(
                        service, id, (t, now) -> t.comment(body, Comment.Visibility.PUBLIC, agent(t), now));
            }
            String status = target.has("status") ? target.get("status").asString() : null;
            if (target.has("note")) {
                String note = target.get("note").asString();
                Resolution resolution = target.has("resolution")
                        ? Resolution.valueOf(target.get("resolution").asString())
                        : Resolution.FIXED;
                ticket = TicketChanges.apply(service, id, (t, now) -> t.resolve(resolution, note, agent(t), now));
            } else if ("IN_PROGRESS".equals(status)) {
                ticket = TicketChanges.apply(service, id, (t, now) -> {
                    t.assign("jan.kowalski", "Jan Kowalski", agent(t), now);
                    t.startWork(agent(t), now);
                });
            } else if ("ASSIGNED".equals(status)) {
                ticket = TicketChanges.apply(
                        service,
                        id,
                        (t, now) -> t.escalate(new UnitCode("IT-04-2"), SearchFixtures.HANDOVER, agent(t), now));
            }
            targets.put(target.get("id").asString(), ticket);
        }
        return targets;
    }

    List<JsonNode> read(String resource) {
        List<JsonNode> lines = new ArrayList<>();
        try (InputStream in = getClass().getResourceAsStream(resource)) {
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (!line.isBlank()) {
                    lines.add(json.readTree(line));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return lines;
    }

    private TicketState register(
            TicketType type, String title, String description, String category, Requester requester, Instant at) {
        Ticket ticket = service.registerAt(
                new Ticket.NewTicket(
                        type,
                        title.length() > 200 ? title.substring(0, 200) : title,
                        description,
                        requester,
                        Channel.values()[Math.floorMod(title.hashCode(), 3)],
                        category,
                        null,
                        Impact.MEDIUM,
                        Urgency.MEDIUM,
                        null),
                new Actor(
                        requester.username(), requester.displayName(), requester.customerUnit(), Actor.Kind.REQUESTER),
                at);
        return ticket.state();
    }

    private TicketType typeOf(String category) {
        if (category == null) {
            return TicketType.INCIDENT;
        }
        return categories
                .find(category)
                .map(c -> TicketType.valueOf(c.ticketType()))
                .orElse(TicketType.INCIDENT);
    }

    private static Actor agent(Ticket ticket) {
        return SearchFixtures.agentOf(ticket.assignedUnit().value());
    }

    private static String group(String category) {
        if (category == null) {
            return "";
        }
        int dash = category.indexOf('-');
        return dash < 0 ? category : category.substring(0, dash);
    }

    static String withoutDiacritics(String text) {
        StringBuilder out = new StringBuilder(text.length());
        String from = "ąćęłńóśźżĄĆĘŁŃÓŚŹŻ";
        String to = "acelnoszzACELNOSZZ";
        for (char c : text.toCharArray()) {
            int at = from.indexOf(c);
            out.append(at < 0 ? c : to.charAt(at));
        }
        return out.toString();
    }

    private static Map<String, String[]> notes() {
        Map<String, String[]> notes = new LinkedHashMap<>();
        notes.put("", new String[] {
            "Problem rozwiązany, użytkownik potwierdził.", "Przekazano instrukcję, zgłaszający potwierdził działanie."
        });
        notes.put("WS", new String[] {
            "Zrestartowano komputer i zaktualizowano sterowniki, działa.",
            "Wymieniono uszkodzony element na sprawny z rezerwy.",
            "Przeinstalowano oprogramowanie na stanowisku.",
            "Technik na miejscu sprawdził podłączenie i wyczyścił urządzenie."
        });
        notes.put("NET", new String[] {
            "Zrestartowano przełącznik w szafie piętrowej.",
            "Poprawiono regułę na zaporze sieciowej.",
            "Przywrócono połączenie po awarii po stronie serwera DHCP."
        });
        notes.put("INF", new String[] {
            "Zwiększono zasoby serwera i zrestartowano usługę.",
            "Przywrócono dane z kopii zapasowej.",
            "Nadano uprawnienia do zasobu zgodnie z wnioskiem."
        });
        notes.put("ACC", new String[] {
            "Zresetowano hasło i odblokowano konto w domenie.", "Utworzono konto zgodnie z wnioskiem kierownika."
        });
        notes.put(
                "MAIL",
                new String[] {"Odblokowano skrzynkę i zwiększono limit.", "Zmieniono regułę filtra antyspamowego."});
        notes.put("APP", new String[] {
            "Poprawiono konfigurację aplikacji dziedzinowej.",
            "Nadano rolę w aplikacji.",
            "Zgłoszono błąd dostawcy, wgrano poprawkę."
        });
        notes.put("PORTAL", new String[] {"Poprawiono konfigurację portalu i wyczyszczono pamięć podręczną."});
        notes.put("EDU", new String[] {"Poprawiono dane placówki w systemie oświatowym."});
        notes.put(
                "TEL", new String[] {"Operator usunął awarię łącza.", "Wymieniono moduł w szafie teleinformatycznej."});
        notes.put("VOIP", new String[] {"Przerejestrowano aparat na centrali.", "Zmieniono konfigurację numeru."});
        notes.put("SEC", new String[] {"Zablokowano zagrożenie, przeprowadzono analizę i zamknięto incydent."});
        return notes;
    }
}
