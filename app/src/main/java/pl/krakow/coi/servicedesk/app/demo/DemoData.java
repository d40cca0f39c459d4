package pl.krakow.coi.servicedesk.app.demo;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import pl.krakow.coi.servicedesk.catalogue.Categories;
import pl.krakow.coi.servicedesk.catalogue.Category;
import pl.krakow.coi.servicedesk.people.People;
import pl.krakow.coi.servicedesk.platform.security.CurrentUser;
import pl.krakow.coi.servicedesk.platform.security.LocalAccounts;
import pl.krakow.coi.servicedesk.routing.RoutingService;
import pl.krakow.coi.servicedesk.ticket.TicketService;
import pl.krakow.coi.servicedesk.ticket.domain.Actor;
import pl.krakow.coi.servicedesk.ticket.domain.Channel;
import pl.krakow.coi.servicedesk.ticket.domain.Comment;
import pl.krakow.coi.servicedesk.ticket.domain.Impact;
import pl.krakow.coi.servicedesk.ticket.domain.Requester;
import pl.krakow.coi.servicedesk.ticket.domain.Resolution;
import pl.krakow.coi.servicedesk.ticket.domain.Ticket;
import pl.krakow.coi.servicedesk.ticket.domain.TicketStatus;
import pl.krakow.coi.servicedesk.ticket.domain.TicketType;
import pl.krakow.coi.servicedesk.ticket.domain.UnitCode;
import pl.krakow.coi.servicedesk.ticket.domain.Urgency;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Seeds the embedded run, when its database has no tickets: the demo accounts (also as people of the register,
 * with the units' notification settings: {@link DemoNotificationSettings}, seeded on every start), a small configuration
 * database and licence register ({@link DemoInventory}), and about 450 realistic Polish tickets over the
 * last 60 days (texts from the routing training examples), with histories a City Hall service desk would
 * show: resolved at the first line or escalated with a handover comment, picked up by the second line,
 * reassigned, waiting for the requester, remote hands, reopened, closed, and some still open; tickets
 * about workstations, printers, applications and infrastructure name the configuration item. Runs in the
 * background after start-up, through the services of the API (so events, comments, the outbox and the
 * compliance positions are as for any data), deterministically.
 */
@Component
@ConditionalOnProperty(name = "servicedesk.demo-data.enabled", havingValue = "true")
class DemoData {

    static final int TICKETS = 450;
    private static final Logger log = LoggerFactory.getLogger(DemoData.class);
    private static final List<String> FIRST_NAMES = List.of(
            "Alicja",
            "Bartosz",
            "Celina",
            "Dariusz",
            "Elżbieta",
            "Filip",
            "Grażyna",
            "Henryk",
            "Irena",
            "Jakub",
            "Krystyna",
            "Łukasz",
            "Małgorzata",
            "Norbert",
            "Otylia",
            "Radosław",
            "Stanisława",
            "Wojciech");
    private static final List<String> LAST_NAMES = List.of(
            "Adamczyk",
            "Baran",
            "Czarnecka",
            "Dąbrowski",
            "Gajewska",
            "Jasiński",
            "Kowalczyk",
            "Lewandowska",
            "Michalski",
            "Nowicka",
            "Ostrowski",
            "Pietrzak",
            "Rutkowska",
            "Szymański",
            "Wieczorek",
            "Zając");
    private static final List<String> CUSTOMER_UNITS = List.of("KP-01", "KP-02", "KP-03", "KP-04", "KP-05", "PO");

    private final TicketService tickets;
    private final DemoInventory inventory;
    private final LocalAccounts accounts;
    private final People people;
    private final Categories categories;
    private final RoutingService routing;
    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final Clock clock;
    private final DemoNotificationSettings notificationSettings;
    private final AtomicInteger seeded = new AtomicInteger();
    private final AtomicBoolean remoteHandsRequested = new AtomicBoolean();

    DemoData(
            TicketService tickets,
            DemoInventory inventory,
            LocalAccounts accounts,
            People people,
            Categories categories,
            RoutingService routing,
            JdbcClient jdbc,
            JsonMapper json,
            Clock clock,
            DemoNotificationSettings notificationSettings) {
        this.tickets = tickets;
        this.inventory = inventory;
        this.accounts = accounts;
        this.people = people;
        this.categories = categories;
        this.routing = routing;
        this.jdbc = jdbc;
        this.json = json;
        this.clock = clock;
        this.notificationSettings = notificationSettings;
    }

    @org.springframework.context.event.EventListener(ApplicationReadyEvent.class)
    void seedInBackground() {
        for (CurrentUser user : DemoAccounts.all()) {
            accounts.save(user, DemoAccounts.PASSWORD);
        }
        // The people register is where notifications find their recipients' addresses (and the demo mail
        // server has a mailbox for each of them).
        Instant now = clock.instant();
        for (CurrentUser person : DemoAccounts.people()) {
            people.upsert(
                    person.username(),
                    person.displayName(),
                    DemoAccounts.email(person),
                    person.unit().orElse(null),
                    DemoAccounts.PEOPLE_SOURCE,
                    now);
        }
        notificationSettings.seed();
        long existing =
                jdbc.sql("SELECT count(*) FROM ticket").query(Long.class).single();
        if (existing > 0) {
            log.info("Demo data: {} tickets exist, nothing seeded", existing);
            return;
        }
        Thread seeder = new Thread(this::seed, "demo-data");
        seeder.setDaemon(true);
        seeder.start();
    }

    int seededTickets() {
        return seeded.get();
    }

    void seed() {
        long started = System.nanoTime();
        Map<String, Category> catalogue =
                categories.findActive().stream().collect(Collectors.toMap(Category::code, c -> c));
        List<JsonNode> examples = examples();
        DemoInventory.Seeded items = seedInventory();
        Random random = new Random(2026);
        // The items tickets name come from their own sequence, so the tickets are those seeded without a CMDB.
        Random itemChoice = new Random(1796);
        Instant now = clock.instant();
        for (int i = 0; i < TICKETS; i++) {
            JsonNode example = examples.get(random.nextInt(examples.size()));
            Category category = catalogue.get(example.get("category").asString());
            if (category == null) {
                continue;
            }
            Instant created = businessTime(now, random);
            try {
                seedOne(category, example, created, now, random, items, itemChoice);
                seeded.incrementAndGet();
            } catch (RuntimeException e) {
                log.warn("Demo ticket not seeded ({}): {}", category.code(), e.getMessage());
            }
        }
        int tasks = requestRemoteHandsOnOpenTickets();
        routing.retrain();
        log.info(
                "Demo data: {} tickets and {} open remote-hands tasks seeded in {} ms",
                seeded.get(),
                tasks,
                Duration.ofNanos(System.nanoTime() - started).toMillis());
        remoteHandsRequested.set(true);
    }

    /**
     * Remote hands asked for now on a few open second-line tickets, through the same use case as the API, so
     * that IT-04-2's queue holds tasks with due times (a replayed history records only the request's event).
     */
    private int requestRemoteHandsOnOpenTickets() {
        List<String[]> open = jdbc.sql("""
                        SELECT number, assigned_unit FROM ticket
                        WHERE status IN ('ASSIGNED', 'IN_PROGRESS') AND support_line = 'SECOND'
                          AND assigned_unit <> 'IT-04-2' AND type <> 'SECURITY_INCIDENT'
                        ORDER BY id
                        LIMIT 6
                        """)
                .query((rs, n) -> new String[] {rs.getString(1), rs.getString(2)})
                .list();
        int requested = 0;
        for (String[] ticket : open) {
            try {
                tickets.requestRemoteHands(
                        ticket[0],
                        null,
                        "Proszę o wizytę u zgłaszającego: sprawdzenie okablowania i restart urządzenia na miejscu.",
                        DemoAccounts.agentOf(ticket[1]));
                requested++;
            } catch (RuntimeException e) {
                log.warn("Demo remote hands not requested on {}: {}", ticket[0], e.getMessage());
            }
        }
        return requested;
    }

    boolean remoteHandsRequested() {
        return remoteHandsRequested.get();
    }

    private DemoInventory.Seeded seedInventory() {
        long started = System.nanoTime();
        try {
            DemoInventory.Seeded items = inventory.seed();
            log.info(
                    "Demo data: configuration items, relationships, installations and licences seeded in {} ms",
                    Duration.ofNanos(System.nanoTime() - started).toMillis());
            return items;
        } catch (RuntimeException e) {
            log.warn("Demo CMDB and licences not seeded: {}", e.getMessage(), e);
            return new DemoInventory.Seeded(Map.of(), Map.of());
        }
    }

    private void seedOne(
            Category category,
            JsonNode example,
            Instant created,
            Instant now,
            Random random,
            DemoInventory.Seeded items,
            Random itemChoice) {
        TicketType type = TicketType.valueOf(category.ticketType());
        Requester requester = requester(random);
        Channel channel = channel(random);
        Actor filer = channel == Channel.PHONE || channel == Channel.EMAIL
                ? actor(DemoAccounts.agentOf("IT-02-2"))
                : new Actor(
                        requester.username(), requester.displayName(), requester.customerUnit(), Actor.Kind.REQUESTER);
        Ticket.NewTicket request = new Ticket.NewTicket(
                type,
                example.get("title").asString(),
                example.get("description").asString(),
                requester,
                channel,
                random.nextInt(10) < 8 ? category.code() : null,
                items.itemFor(category.code(), requester.username(), itemChoice),
                pick(random, Impact.values(), 15, 55, 30),
                pick(random, Urgency.values(), 20, 55, 25),
                null);
        Actor requesterActor = new Actor(
                requester.username(), requester.displayName(), requester.customerUnit(), Actor.Kind.REQUESTER);
        // Some histories stop early, so that queues hold tickets in every state.
        Instant horizon = random.nextInt(100) < 18 ? created.plus(Duration.ofMinutes(random.nextInt(48 * 60))) : now;
        Instant until = horizon.isBefore(now) ? horizon : now;
        tickets.registerWithHistory(request, filer, created, ticket -> {
            Timeline at = new Timeline(created, until);
            if (type == TicketType.SECURITY_INCIDENT) {
                // Every ticket enters at the first line (§8.2a), which confirms the suspicion and escalates it.
                Actor intake = actor(DemoAccounts.agentOf("IT-02-2"));
                at.then(
                        Duration.ofMinutes(3 + random.nextInt(10)),
                        t -> ticket.escalate(
                                UnitCode.SECURITY,
                                "Pierwsza linia potwierdziła podejrzenie: stacja odłączona od sieci, użytkownik zmienił"
                                        + " hasło w naszej obecności, zachowano nagłówki wiadomości do analizy.",
                                intake,
                                t));
                Actor security = actor(DemoAccounts.agentOf("IT-02-1"));
                at.then(
                        Duration.ofMinutes(10 + random.nextInt(40)),
                        t -> ticket.assign(security.username(), security.displayName(), security, t));
                at.then(Duration.ofMinutes(5), t -> ticket.startWork(security, t));
                at.then(
                        Duration.ofHours(1 + random.nextInt(20)),
                        t -> ticket.resolve(
                                Resolution.FIXED,
                                "Zabezpieczono konto i stację, zablokowano nadawcę, przeskanowano urządzenie.",
                                security,
                                t));
                closeOrReopen(ticket, at, requesterActor, security, random);
                return;
            }
            Actor firstLine = actor(DemoAccounts.agentOf("IT-02-2"));
            at.then(
                    Duration.ofMinutes(5 + random.nextInt(55)),
                    t -> ticket.assign(firstLine.username(), firstLine.displayName(), firstLine, t));
            int path = random.nextInt(100);
            if (path < 38) {
                at.then(
                        Duration.ofMinutes(10 + random.nextInt(80)),
                        t -> ticket.resolve(
                                random.nextBoolean() ? Resolution.USER_INSTRUCTED : Resolution.FIXED,
                                "Rozwiązano na pierwszej linii: " + firstLineFix(random),
                                firstLine,
                                t));
                closeOrReopen(ticket, at, requesterActor, firstLine, random);
                return;
            }
            if (path < 44) {
                at.then(
                        Duration.ofMinutes(15),
                        t -> ticket.waitForRequester(
                                "Proszę podać numer inwentarzowy sprzętu i dokładną treść komunikatu błędu.",
                                firstLine,
                                t));
                at.then(
                        Duration.ofHours(2 + random.nextInt(30)),
                        t -> ticket.comment(
                                "Numer UMK/2023/0" + (1000 + random.nextInt(9000)) + ", komunikat jak w opisie.",
                                Comment.Visibility.PUBLIC,
                                requesterActor,
                                t));
            }
            String unit = category.unitCode();
            boolean wrongFirst = random.nextInt(100) < 8;
            String firstTarget = wrongFirst ? neighbour(unit) : unit;
            at.then(
                    Duration.ofMinutes(20 + random.nextInt(100)),
                    t -> ticket.escalate(new UnitCode(firstTarget), handover(example, category), firstLine, t));
            if (wrongFirst) {
                Actor wrong = actor(DemoAccounts.agentOf(firstTarget));
                at.then(
                        Duration.ofHours(1 + random.nextInt(6)),
                        t -> ticket.reassign(
                                new UnitCode(unit),
                                "Nie nasza kompetencja – zgodnie z zarządzeniem 1796/2025 " + category.ordinanceRef()
                                        + " to " + unit + ".",
                                wrong,
                                t));
            }
            Actor second = actor(DemoAccounts.agentOf(unit));
            at.then(
                    Duration.ofMinutes(30 + random.nextInt(400)),
                    t -> ticket.assign(second.username(), second.displayName(), second, t));
            at.then(Duration.ofMinutes(10), t -> ticket.startWork(second, t));
            if (!unit.equals("IT-04-2") && random.nextInt(100) < 8) {
                at.then(
                        Duration.ofHours(1),
                        t -> ticket.requestRemoteHands(
                                "Proszę o obecność na miejscu u zgłaszającego i wykonanie restartu urządzenia.",
                                second,
                                t));
            }
            if (random.nextInt(100) < 10) {
                at.then(
                        Duration.ofHours(1),
                        t -> ticket.waitForRequester(
                                "Czy problem występuje także na innym komputerze? Proszę o zrzut ekranu.", second, t));
                at.then(
                        Duration.ofHours(3 + random.nextInt(40)),
                        t -> ticket.comment(
                                "Tak, na innym komputerze to samo. Zrzut ekranu przesłałam mailem.",
                                Comment.Visibility.PUBLIC,
                                requesterActor,
                                t));
            }
            if (random.nextInt(100) < 88) {
                at.then(
                        Duration.ofMinutes(60 + random.nextInt(60 * 60)),
                        t -> ticket.resolve(
                                pick(
                                        random,
                                        new Resolution[] {
                                            Resolution.FIXED, Resolution.WORKAROUND, Resolution.CHANGE_REQUIRED
                                        },
                                        80,
                                        15,
                                        5),
                                "Przyczyna zdiagnozowana i usunięta przez " + unit
                                        + "; użytkownik potwierdził działanie.",
                                second,
                                t));
                closeOrReopen(ticket, at, requesterActor, second, random);
            }
        });
    }

    private void closeOrReopen(Ticket ticket, Timeline at, Actor requester, Actor resolver, Random random) {
        if (ticket.status() != TicketStatus.RESOLVED) {
            return;
        }
        int roll = random.nextInt(100);
        if (roll < 7) {
            at.then(
                    Duration.ofHours(4 + random.nextInt(40)),
                    t -> ticket.reopen("Problem wrócił po ponownym uruchomieniu komputera.", requester, t));
            at.then(
                    Duration.ofHours(2 + random.nextInt(20)),
                    t -> ticket.resolve(
                            Resolution.FIXED,
                            "Usunięto przyczynę trwale; zweryfikowano z użytkownikiem.",
                            resolver,
                            t));
        }
        if (roll < 75) {
            at.then(Duration.ofHours(20 + random.nextInt(50)), t -> ticket.close(requester, t));
        }
    }

    /** Steps in a ticket's history; a step that would lie in the future (or fail) ends the history. */
    private static final class Timeline {

        private Instant cursor;
        private final Instant now;
        private boolean stopped;

        Timeline(Instant start, Instant now) {
            this.cursor = start;
            this.now = now;
        }

        void then(Duration after, Consumer<Instant> step) {
            if (stopped) {
                return;
            }
            Instant next = cursor.plus(after);
            if (next.isAfter(now)) {
                stopped = true;
                return;
            }
            cursor = next;
            step.accept(next);
        }
    }

    private static Instant businessTime(Instant now, Random random) {
        ZonedDateTime day = now.atZone(TicketService.CITY_HALL_ZONE).minusDays(random.nextInt(60));
        while (day.getDayOfWeek() == DayOfWeek.SATURDAY || day.getDayOfWeek() == DayOfWeek.SUNDAY) {
            day = day.minusDays(1);
        }
        LocalDate date = day.toLocalDate();
        LocalTime time = LocalTime.of(7, 30).plusMinutes(random.nextInt(8 * 60));
        Instant at = ZonedDateTime.of(date, time, TicketService.CITY_HALL_ZONE).toInstant();
        return at.isAfter(now) ? now.minusSeconds(3600 + random.nextInt(3600)) : at;
    }

    private static Requester requester(Random random) {
        if (random.nextInt(100) < 35) {
            CurrentUser user = DemoAccounts.REQUESTERS.get(random.nextInt(DemoAccounts.REQUESTERS.size()));
            return new Requester(
                    user.username(), user.displayName(), user.unit().map(UnitCode::new));
        }
        String first = FIRST_NAMES.get(random.nextInt(FIRST_NAMES.size()));
        String last = LAST_NAMES.get(random.nextInt(LAST_NAMES.size()));
        String username = (pl.krakow.coi.servicedesk.text.PolishText.fold(first) + "."
                        + pl.krakow.coi.servicedesk.text.PolishText.fold(last))
                .replace(' ', '.');
        return new Requester(
                username,
                first + " " + last,
                java.util.Optional.of(new UnitCode(CUSTOMER_UNITS.get(random.nextInt(CUSTOMER_UNITS.size())))));
    }

    private static Channel channel(Random random) {
        return pick(random, Channel.values(), 55, 20, 20, 3, 2);
    }

    private static String neighbour(String unit) {
        return switch (unit) {
            case "IT-04-1" -> "IT-04-4";
            case "IT-04-4" -> "IT-04-1";
            case "IT-04-2" -> "IT-05-4";
            case "IT-05-4" -> "IT-04-2";
            case "IT-05-1" -> "IT-05-2";
            default -> "IT-04-2";
        };
    }

    private static String handover(JsonNode example, Category category) {
        return "Zgłoszenie: " + example.get("title").asString() + ". Pierwsza linia potwierdziła problem z"
                + " użytkownikiem, sprawdziła podstawowe przyczyny (restart, połączenie, uprawnienia) bez skutku."
                + " Kategoria " + category.code() + " – kompetencja " + category.unitCode() + " ("
                + category.ordinanceRef() + ").";
    }

    private static String firstLineFix(Random random) {
        return List.of(
                        "zrestartowano usługę i zweryfikowano działanie z użytkownikiem.",
                        "odblokowano konto i ustawiono hasło tymczasowe.",
                        "poinstruowano użytkownika, jak skonfigurować ustawienia.",
                        "wyczyszczono kolejkę wydruku i ponownie podłączono urządzenie.")
                .get(random.nextInt(4));
    }

    private static <T> T pick(Random random, T[] values, int... weights) {
        int total = 0;
        for (int weight : weights) {
            total += weight;
        }
        int roll = random.nextInt(total);
        for (int i = 0; i < weights.length; i++) {
            roll -= weights[i];
            if (roll < 0) {
                return values[i];
            }
        }
        return values[values.length - 1];
    }

    private static Actor actor(CurrentUser user) {
        return TicketService.actor(user);
    }

    private List<JsonNode> examples() {
        List<JsonNode> examples = new ArrayList<>();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(
                new ClassPathResource("routing/training-examples.jsonl").getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = reader.readLine()) != null; ) {
                if (!line.isBlank()) {
                    examples.add(json.readTree(line));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return examples;
    }
}
