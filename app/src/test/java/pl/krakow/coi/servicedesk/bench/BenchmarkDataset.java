package pl.krakow.coi.servicedesk.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A reusable benchmark dataset: {@code count} realistic tickets over the two years before {@code now},
 * written straight into PostgreSQL with COPY (tickets, then their events and comments), to be indexed
 * with the reindex job. Deterministic for a seed: ticket {@code i} is generated from its own random
 * stream, so the second pass (events, comments) regenerates exactly the tickets of the first.
 *
 * <p>What it models: registrations on working days, mostly in office hours, growing towards the present;
 * categories of the service catalogue with Polish titles and descriptions from the routing training
 * examples (varied: places, urgency, repetitions); priorities from impact and urgency; channels; customer
 * units; configuration items with a few "problem" items drawing many incidents; histories resolved at the
 * first line (about 40 %), escalated with a handover comment to the category's unit (some first to a
 * wrong unit, then reassigned), waiting for the requester, reopened, closed, cancelled, and left open near
 * the present; security incidents at IT-02-1. SLA outcomes follow from the timestamps (the SLA engine
 * computes them from these events at index time).
 *
 * <p>Tickets are numbered {@code <type>-<year>-8xxxxxx}, out of the range of the application's sequences.
 */
public final class BenchmarkDataset {

    static final ZoneId ZONE = ZoneId.of("Europe/Warsaw");
    static final String TICKET_COLUMNS = "id, number, type, title, description, requester_username, requester_name,"
            + " requester_unit, channel, category_code, configuration_item_id, impact, urgency, priority, status,"
            + " support_line, assigned_unit, assignee, assignee_name, resolution, resolution_note, resolved_by_unit,"
            + " resolved_by_line, created_at, updated_at, first_response_at, resolved_at, closed_at, reopen_count,"
            + " reassignment_count, escalation_count, handled_by_units, version";
    static final String EVENT_COLUMNS =
            "ticket_id, seq, type, actor, actor_name, actor_unit, actor_kind, occurred_at, changes, data";
    static final String COMMENT_COLUMNS =
            "ticket_id, author, author_name, author_unit, author_kind, visibility, body, created_at";

    private static final String[] CUSTOMERS = {"KP-01", "KP-02", "KP-03", "KP-04", "KP-05", "PO", "KP"};
    private static final String[] PLACES = {
        "ul. Wielicka 28a",
        "pl. Wszystkich Świętych 3-4",
        "al. Powstania Warszawskiego 10",
        "os. Zgody 2",
        "ul. Bosacka 15",
        "ul. Dekerta 24",
        "Rynek Podgórski 1"
    };
    private static final String[] OPENINGS = {"", "Pilne: ", "Ponownie: ", "Od rana: ", "Pokój 2", "Sekretariat: "};
    private static final String[] FIRST_LINE_FIXES = {
        "Zrestartowano usługę i zweryfikowano działanie z użytkownikiem.",
        "Odblokowano konto i ustawiono hasło tymczasowe.",
        "Poinstruowano użytkownika, jak zmienić ustawienia.",
        "Wyczyszczono kolejkę wydruku i ponownie podłączono urządzenie."
    };

    private final List<Example> examples;
    private final Map<String, String[]> categories;
    private final long seed;
    private final Instant now;
    private final long firstId;

    private BenchmarkDataset(
            List<Example> examples, Map<String, String[]> categories, long seed, Instant now, long firstId) {
        this.examples = examples;
        this.categories = categories;
        this.seed = seed;
        this.now = now;
        this.firstId = firstId;
    }

    /**
     * Writes {@code count} tickets (and, into an empty CMDB, the {@link BenchmarkInventory} they refer to);
     * returns what was written.
     */
    public static Result write(DataSource dataSource, JsonMapper json, int count, long seed, Instant now) {
        JdbcClient jdbc = JdbcClient.create(dataSource);
        BenchmarkInventory.Result inventory = null;
        if (jdbc.sql("SELECT count(*) FROM configuration_item")
                        .query(Long.class)
                        .single()
                == 0) {
            inventory = BenchmarkInventory.write(dataSource, BenchmarkInventory.Sizes.forTickets(count), seed, now);
        }
        BenchmarkDataset dataset = prepare(dataSource, json, seed, now);
        long started = System.nanoTime();
        long[] rows = new long[3];
        try (Connection tickets = dataSource.getConnection()) {
            tickets.setAutoCommit(true);
            try (var statement = tickets.createStatement()) {
                // The benchmark writes ids itself (its events refer to them); the identity is restored after.
                statement.execute("ALTER TABLE ticket ALTER COLUMN id SET GENERATED BY DEFAULT");
            }
            try (Copy copy = new Copy(tickets, "COPY ticket (" + TICKET_COLUMNS + ") FROM STDIN")) {
                for (int i = 0; i < count; i++) {
                    copy.row(dataset.generate(i).ticketRow());
                }
                rows[0] = copy.rows();
            }
            try (var statement = tickets.createStatement()) {
                statement.execute("ALTER TABLE ticket ALTER COLUMN id SET GENERATED ALWAYS");
                statement.execute(
                        "SELECT setval(pg_get_serial_sequence('ticket', 'id'), (SELECT max(id) FROM ticket))");
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot write the benchmark tickets: " + e.getMessage(), e);
        }
        try (Connection eventConnection = dataSource.getConnection();
                Connection commentConnection = dataSource.getConnection();
                Copy events = new Copy(eventConnection, "COPY ticket_event (" + EVENT_COLUMNS + ") FROM STDIN");
                Copy comments =
                        new Copy(commentConnection, "COPY ticket_comment (" + COMMENT_COLUMNS + ") FROM STDIN")) {
            for (int i = 0; i < count; i++) {
                Generated ticket = dataset.generate(i);
                for (List<Object> event : ticket.events) {
                    events.row(event);
                }
                for (List<Object> comment : ticket.comments) {
                    comments.row(comment);
                }
            }
            rows[1] = events.rows();
            rows[2] = comments.rows();
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot write the benchmark events: " + e.getMessage(), e);
        }
        jdbc.sql("ANALYZE ticket").update();
        jdbc.sql("ANALYZE ticket_event").update();
        jdbc.sql("ANALYZE ticket_comment").update();
        return new Result(rows[0], rows[1], rows[2], Duration.ofNanos(System.nanoTime() - started), inventory);
    }

    private static BenchmarkDataset prepare(DataSource dataSource, JsonMapper json, long seed, Instant now) {
        JdbcClient jdbc = JdbcClient.create(dataSource);
        Map<String, String[]> categories = new LinkedHashMap<>();
        jdbc.sql("SELECT code, unit_code, ticket_type FROM service_category WHERE active")
                .query((rs, n) -> categories.put(rs.getString(1), new String[] {rs.getString(2), rs.getString(3)}))
                .list();
        List<Example> examples = examples(json).stream()
                .filter(e -> categories.containsKey(e.category()))
                .toList();
        long firstId = jdbc.sql("SELECT coalesce(max(id), 0) + 1 FROM ticket")
                .query(Long.class)
                .single();
        return new BenchmarkDataset(examples, categories, seed, now, firstId);
    }

    /**
     * The machine's limit for the same rows: {@code count} generated ticket rows, prepared in memory first,
     * COPYed into a scratch table shaped like {@code ticket} (its columns, defaults and indexes; no foreign keys,
     * no events, no outbox), then dropped. Only the COPY is timed.
     */
    public static RawCopy rawCopy(DataSource dataSource, JsonMapper json, int count, long seed, Instant now) {
        BenchmarkDataset dataset = prepare(dataSource, json, seed + 1, now);
        List<byte[]> chunks = new ArrayList<>();
        try (Copy buffer = new Copy(chunks)) {
            for (int i = 0; i < count; i++) {
                buffer.row(dataset.generate(i).ticketRow());
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(true);
            try (var statement = connection.createStatement()) {
                statement.execute("DROP TABLE IF EXISTS bench_raw_ticket");
                statement.execute("CREATE TABLE bench_raw_ticket (LIKE ticket INCLUDING DEFAULTS INCLUDING INDEXES)");
            }
            long started = System.nanoTime();
            CopyIn copy = connection
                    .unwrap(PGConnection.class)
                    .getCopyAPI()
                    .copyIn("COPY bench_raw_ticket (" + TICKET_COLUMNS + ") FROM STDIN");
            for (byte[] chunk : chunks) {
                copy.writeToCopy(chunk, 0, chunk.length);
            }
            long rows = copy.endCopy();
            Duration took = Duration.ofNanos(System.nanoTime() - started);
            try (var statement = connection.createStatement()) {
                statement.execute("DROP TABLE bench_raw_ticket");
            }
            return new RawCopy(rows, took);
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot measure the raw COPY rate: " + e.getMessage(), e);
        }
    }

    /** Rows COPYed into the scratch table, and how long the COPY took. */
    public record RawCopy(long rows, Duration took) {
        public double perSecond() {
            return rows / (took.toNanos() / 1e9);
        }
    }

    /** What was written, and how long it took; the inventory when this call wrote it (else null). */
    public record Result(
            long tickets, long events, long comments, Duration took, BenchmarkInventory.Result inventory) {}

    /** Ticket {@code i}: its row, events and comments. */
    Generated generate(int i) {
        Random random = new Random(seed * 1_000_003L + i);
        Generated t = new Generated(firstId + i);
        Example example = examples.get(random.nextInt(examples.size()));
        String[] category = categories.get(example.category());
        t.type = category[1];
        t.created = registration(random);
        t.title = truncate(OPENINGS[random.nextInt(OPENINGS.length)] + example.title(), 200);
        t.description = example.description()
                + (random.nextInt(3) == 0
                        ? " Lokalizacja: " + PLACES[random.nextInt(PLACES.length)] + ", pokój "
                                + (100 + random.nextInt(300)) + "."
                        : "");
        t.customer = CUSTOMERS[random.nextInt(CUSTOMERS.length)];
        t.requester = "pracownik" + random.nextInt(5_000);
        t.channel = pick(random, new String[] {"PORTAL", "EMAIL", "PHONE", "MONITORING", "API"}, 55, 20, 20, 3, 2);
        t.category = random.nextInt(10) < 9 ? example.category() : null;
        // A few configuration items draw many incidents (problem candidates).
        int ciRoll = random.nextInt(100);
        if (ciRoll < 5) {
            t.ci = Long.valueOf(1 + random.nextInt(10));
        } else if (ciRoll < 25) {
            t.ci = Long.valueOf(11 + random.nextInt(3_000));
        }
        t.impact = pick(random, new String[] {"HIGH", "MEDIUM", "LOW"}, 15, 55, 30);
        t.urgency = pick(random, new String[] {"HIGH", "MEDIUM", "LOW"}, 20, 55, 25);
        t.priority = priority(t.impact, t.urgency);
        t.number = prefix(t.type) + "-" + t.created.atZone(ZONE).getYear() + "-" + (8_000_000 + i);
        t.history(random, category[0], this);
        return t;
    }

    private Instant registration(Random random) {
        // Two years, more tickets towards the present (the service grows), working days, office hours mostly.
        double u = Math.sqrt(random.nextDouble());
        LocalDate day = now.atZone(ZONE).toLocalDate().minusDays(730).plusDays((long) (u * 730));
        while (day.getDayOfWeek() == DayOfWeek.SATURDAY || day.getDayOfWeek() == DayOfWeek.SUNDAY) {
            if (random.nextInt(10) == 0) {
                break; // monitoring and portals work at weekends too
            }
            day = day.minusDays(1);
        }
        LocalTime time = random.nextInt(100) < 88
                ? LocalTime.of(7, 30).plusMinutes(random.nextInt(480))
                : LocalTime.of(0, 0).plusMinutes(random.nextInt(1440));
        Instant at = ZonedDateTime.of(day, time, ZONE).toInstant();
        return at.isAfter(now) ? now.minus(Duration.ofMinutes(1 + random.nextInt(600))) : at;
    }

    /** One generated ticket, built as its history is played. */
    static final class Generated {

        final long id;
        String number;
        String type;
        String title;
        String description;
        String requester;
        String customer;
        String channel;
        String category;
        Long ci;
        String impact;
        String urgency;
        String priority;
        String status = "NEW";
        String line = "FIRST";
        String unit = "IT-02-2";
        String assignee;
        String resolution;
        String note;
        String resolvedByUnit;
        String resolvedByLine;
        Instant created;
        Instant updated;
        Instant firstResponse;
        Instant resolved;
        Instant closed;
        int reopens;
        int reassignments;
        int escalations;
        final Set<String> handledBy = new LinkedHashSet<>();
        final List<List<Object>> events = new ArrayList<>();
        final List<List<Object>> comments = new ArrayList<>();
        private Instant cursor;
        private Instant limit;
        private boolean stopped;

        Generated(long id) {
            this.id = id;
        }

        void history(Random random, String competentUnit, BenchmarkDataset dataset) {
            boolean security = type.equals("SECURITY_INCIDENT");
            unit = security ? "IT-02-1" : "IT-02-2";
            line = security ? "SECURITY" : "FIRST";
            handledBy.add(unit);
            cursor = created;
            // Recent tickets are often still being worked on; a few old ones were forgotten.
            long ageHours = Duration.between(created, dataset.now).toHours();
            limit = ageHours < 72 || random.nextInt(100) < 2
                    ? created.plus(Duration.ofMinutes(
                            random.nextInt((int) Math.max(60, Math.min(ageHours * 60, 4320)))))
                    : dataset.now;
            if (limit.isAfter(dataset.now)) {
                limit = dataset.now;
            }
            String filer = channel.equals("PHONE") || channel.equals("EMAIL") ? "jan.kowalski" : requester;
            Map<String, Object> created = new LinkedHashMap<>();
            created.put("status", change(null, "NEW"));
            created.put("assignedUnit", change(null, unit));
            created.put("priority", change(null, priority));
            if (category != null) {
                created.put("category", change(null, category));
            }
            event(
                    "CREATED",
                    filer,
                    filer.equals(requester) ? "REQUESTER" : "AGENT",
                    filer.equals(requester) ? customer : "IT-02-2",
                    this.created,
                    created,
                    Map.of("type", type, "channel", channel));
            String agent = security ? "olga.sowa" : "jan.kowalski";
            step(random, 2, 90, at -> assign(agent, at));
            if (security) {
                step(random, 30, 1200, at -> resolve("FIXED", "Zabezpieczono konto i stację roboczą.", agent, at));
                closeOrReopen(random, agent);
                return;
            }
            if (random.nextInt(100) < 4) {
                step(random, 5, 120, at -> cancel(at));
                return;
            }
            if (random.nextInt(100) < 10) {
                step(random, 5, 60, at -> waitForRequester(agent, at));
                step(random, 30, 3000, at -> requesterReplies(at));
            }
            int path = random.nextInt(100);
            if (path < 42) {
                step(
                        random,
                        5,
                        240,
                        at -> resolve(
                                random.nextBoolean() ? "FIXED" : "USER_INSTRUCTED",
                                FIRST_LINE_FIXES[random.nextInt(FIRST_LINE_FIXES.length)],
                                agent,
                                at));
                closeOrReopen(random, agent);
                return;
            }
            boolean wrong = random.nextInt(100) < 8;
            String first = wrong ? neighbour(competentUnit) : competentUnit;
            step(random, 10, 180, at -> escalate(first, at));
            String second = "agent." + first.toLowerCase();
            if (wrong) {
                String right = competentUnit;
                step(random, 30, 600, at -> reassign(right, second, at));
            }
            String resolver = "agent." + unit.toLowerCase();
            step(random, 10, 900, at -> startWork(resolver, at));
            step(
                    random,
                    30,
                    6000,
                    at -> resolve(
                            pick(random, new String[] {"FIXED", "WORKAROUND", "CHANGE_REQUIRED"}, 80, 15, 5),
                            "Przyczyna zdiagnozowana i usunięta; użytkownik potwierdził działanie.",
                            resolver,
                            at));
            closeOrReopen(random, resolver);
        }

        private void closeOrReopen(Random random, String resolver) {
            if (!status.equals("RESOLVED")) {
                return;
            }
            int roll = random.nextInt(100);
            if (roll < 6) {
                step(random, 120, 2400, at -> reopen(at));
                step(random, 30, 1200, at -> resolve("FIXED", "Usunięto przyczynę trwale.", resolver, at));
            }
            if (roll < 72) {
                step(random, 600, 4000, at -> close(at));
            }
        }

        private void step(Random random, int minMinutes, int maxMinutes, java.util.function.Consumer<Instant> action) {
            // Draw the delay whether or not the step happens, so that the random stream is the same.
            Instant next = cursor.plus(Duration.ofMinutes(minMinutes + random.nextInt(maxMinutes - minMinutes)));
            if (stopped || next.isAfter(limit)) {
                stopped = true;
                return;
            }
            cursor = next;
            action.accept(next);
        }

        private void assign(String agent, Instant at) {
            Map<String, Object> changes = new LinkedHashMap<>();
            changes.put("assignee", change(assignee, agent));
            changes.put("status", change(status, "ASSIGNED"));
            assignee = agent;
            status = "ASSIGNED";
            respond(at);
            event("ASSIGNED", agent, "AGENT", unit, at, changes, Map.of("assigneeName", agent));
        }

        private void waitForRequester(String agent, Instant at) {
            event(
                    "WAITING_FOR_REQUESTER",
                    agent,
                    "AGENT",
                    unit,
                    at,
                    Map.of("status", change(status, "WAITING_FOR_REQUESTER")),
                    Map.of("question", "Proszę podać numer inwentarzowy i treść komunikatu."));
            comment(agent, "AGENT", unit, "PUBLIC", "Proszę podać numer inwentarzowy i treść komunikatu.", at);
            status = "WAITING_FOR_REQUESTER";
            respond(at);
        }

        private void requesterReplies(Instant at) {
            comment(
                    requester,
                    "REQUESTER",
                    customer,
                    "PUBLIC",
                    "Numer UMK/2024/0" + (1000 + (int) (id % 9000)) + ".",
                    at);
            event("COMMENTED", requester, "REQUESTER", customer, at, Map.of(), Map.of("visibility", "PUBLIC"));
            event(
                    "REQUESTER_REPLIED",
                    requester,
                    "REQUESTER",
                    customer,
                    at,
                    Map.of("status", change("WAITING_FOR_REQUESTER", "IN_PROGRESS")),
                    Map.of());
            status = "IN_PROGRESS";
        }

        private void escalate(String target, Instant at) {
            String handover =
                    "Zgłoszenie: " + title + ". Pierwsza linia potwierdziła problem z użytkownikiem, sprawdziła"
                            + " restart, połączenie i uprawnienia bez skutku; przekazuje do " + target + ".";
            Map<String, Object> changes = new LinkedHashMap<>();
            changes.put("assignedUnit", change(unit, target));
            changes.put("line", change("FIRST", "SECOND"));
            if (assignee != null) {
                changes.put("assignee", change(assignee, null));
            }
            if (!status.equals("ASSIGNED")) {
                changes.put("status", change(status, "ASSIGNED"));
            }
            event(
                    "ESCALATED",
                    "jan.kowalski",
                    "AGENT",
                    "IT-02-2",
                    at,
                    changes,
                    Map.of("handoverComment", handover, "visibility", "INTERNAL"));
            comment("jan.kowalski", "AGENT", "IT-02-2", "INTERNAL", handover, at);
            unit = target;
            line = "SECOND";
            assignee = null;
            status = "ASSIGNED";
            escalations++;
            handledBy.add(target);
        }

        private void reassign(String target, String by, Instant at) {
            String reason = "Nie nasza kompetencja – zgodnie z zarządzeniem 1796/2025 właściwa jest " + target + ".";
            event(
                    "REASSIGNED",
                    by,
                    "AGENT",
                    unit,
                    at,
                    Map.of("assignedUnit", change(unit, target)),
                    Map.of("reason", reason, "visibility", "INTERNAL"));
            comment(by, "AGENT", unit, "INTERNAL", reason, at);
            unit = target;
            reassignments++;
            handledBy.add(target);
        }

        private void startWork(String agent, Instant at) {
            Map<String, Object> changes = new LinkedHashMap<>();
            changes.put("assignee", change(null, agent));
            changes.put("status", change(status, "IN_PROGRESS"));
            assignee = agent;
            status = "IN_PROGRESS";
            respond(at);
            event("WORK_STARTED", agent, "AGENT", unit, at, changes, Map.of());
        }

        private void resolve(String how, String text, String agent, Instant at) {
            Map<String, Object> changes = new LinkedHashMap<>();
            changes.put("status", change(status, "RESOLVED"));
            changes.put("resolution", change(null, how));
            status = "RESOLVED";
            resolution = how;
            note = text;
            resolvedByUnit = unit;
            resolvedByLine = line;
            resolved = at;
            respond(at);
            event("RESOLVED", agent, "AGENT", unit, at, changes, Map.of("note", text, "line", line, "unit", unit));
        }

        private void reopen(Instant at) {
            Map<String, Object> changes = new LinkedHashMap<>();
            changes.put("status", change("RESOLVED", "IN_PROGRESS"));
            changes.put("resolution", change(resolution, null));
            String reason = "Problem wrócił po ponownym uruchomieniu komputera.";
            event("REOPENED", requester, "REQUESTER", customer, at, changes, Map.of("reason", reason));
            comment(requester, "REQUESTER", customer, "PUBLIC", reason, at);
            status = "IN_PROGRESS";
            resolution = null;
            note = null;
            resolved = null;
            reopens++;
        }

        private void close(Instant at) {
            event(
                    "CLOSED",
                    requester,
                    "REQUESTER",
                    customer,
                    at,
                    Map.of("status", change("RESOLVED", "CLOSED")),
                    Map.of());
            status = "CLOSED";
            closed = at;
        }

        private void cancel(Instant at) {
            String reason = "Zgłoszenie wycofane – problem ustąpił.";
            event(
                    "CANCELLED",
                    requester,
                    "REQUESTER",
                    customer,
                    at,
                    Map.of("status", change(status, "CANCELLED")),
                    Map.of("reason", reason));
            status = "CANCELLED";
            closed = at;
        }

        private void respond(Instant at) {
            if (firstResponse == null) {
                firstResponse = at;
            }
        }

        private void event(
                String type,
                String actor,
                String kind,
                String actorUnit,
                Instant at,
                Map<String, Object> changes,
                Map<String, Object> data) {
            updated = at;
            events.add(java.util.Arrays.asList(
                    id, events.size() + 1, type, actor, actor, actorUnit, kind, at, Json.of(changes), Json.of(data)));
        }

        private void comment(
                String author, String kind, String authorUnit, String visibility, String body, Instant at) {
            comments.add(java.util.Arrays.asList(id, author, author, authorUnit, kind, visibility, body, at));
        }

        List<Object> ticketRow() {
            return java.util.Arrays.asList(
                    id,
                    number,
                    type,
                    title,
                    description,
                    requester,
                    requester,
                    customer,
                    channel,
                    category,
                    ci,
                    impact,
                    urgency,
                    priority,
                    status,
                    line,
                    unit,
                    assignee,
                    assignee,
                    resolution,
                    note,
                    resolvedByUnit,
                    resolvedByLine,
                    created,
                    updated,
                    firstResponse,
                    resolved,
                    closed,
                    reopens,
                    reassignments,
                    escalations,
                    "{" + String.join(",", handledBy) + "}",
                    events.size());
        }

        private static Map<String, Object> change(String from, String to) {
            Map<String, Object> change = new LinkedHashMap<>();
            change.put("from", from);
            change.put("to", to);
            return change;
        }
    }

    /** A COPY … FROM STDIN in PostgreSQL's text format, written in 1 MB blocks. */
    static final class Copy implements AutoCloseable {

        private final CopyIn copy;
        private final List<byte[]> chunks;
        private final StringBuilder buffer = new StringBuilder(1 << 20);
        private long rows;

        Copy(Connection connection, String sql) throws SQLException {
            this.copy = connection.unwrap(PGConnection.class).getCopyAPI().copyIn(sql);
            this.chunks = null;
        }

        /** Into memory: the blocks a COPY would send, to be sent (and timed) later. */
        Copy(List<byte[]> chunks) {
            this.copy = null;
            this.chunks = chunks;
        }

        void row(List<Object> values) throws SQLException {
            for (int i = 0; i < values.size(); i++) {
                if (i > 0) {
                    buffer.append('\t');
                }
                Object value = values.get(i);
                if (value == null) {
                    buffer.append("\\N");
                } else {
                    escape(value.toString());
                }
            }
            buffer.append('\n');
            rows++;
            if (buffer.length() > (1 << 20)) {
                flush();
            }
        }

        long rows() {
            return rows;
        }

        private void escape(String text) {
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                switch (c) {
                    case '\\' -> buffer.append("\\\\");
                    case '\t' -> buffer.append("\\t");
                    case '\n' -> buffer.append("\\n");
                    case '\r' -> buffer.append("\\r");
                    default -> buffer.append(c);
                }
            }
        }

        private void flush() throws SQLException {
            byte[] bytes = buffer.toString().getBytes(StandardCharsets.UTF_8);
            if (copy != null) {
                copy.writeToCopy(bytes, 0, bytes.length);
            } else {
                chunks.add(bytes);
            }
            buffer.setLength(0);
        }

        @Override
        public void close() throws SQLException {
            flush();
            if (copy != null) {
                copy.endCopy();
            }
        }
    }

    /** Minimal JSON for the events' maps (strings, numbers, nested maps). */
    static final class Json {

        private Json() {}

        static String of(Map<String, Object> map) {
            StringBuilder out = new StringBuilder("{");
            boolean first = true;
            for (Map.Entry<String, Object> e : map.entrySet()) {
                if (!first) {
                    out.append(',');
                }
                first = false;
                string(out, e.getKey());
                out.append(':');
                value(out, e.getValue());
            }
            return out.append('}').toString();
        }

        @SuppressWarnings("unchecked")
        private static void value(StringBuilder out, Object value) {
            if (value == null) {
                out.append("null");
            } else if (value instanceof Map<?, ?> map) {
                out.append(of((Map<String, Object>) map));
            } else if (value instanceof Number) {
                out.append(value);
            } else {
                string(out, value.toString());
            }
        }

        private static void string(StringBuilder out, String s) {
            out.append('"');
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                switch (c) {
                    case '"' -> out.append("\\\"");
                    case '\\' -> out.append("\\\\");
                    case '\n' -> out.append("\\n");
                    case '\r' -> out.append("\\r");
                    case '\t' -> out.append("\\t");
                    default -> {
                        if (c < 0x20) {
                            out.append(String.format("\\u%04x", (int) c));
                        } else {
                            out.append(c);
                        }
                    }
                }
            }
            out.append('"');
        }
    }

    record Example(String category, String title, String description) {}

    private static List<Example> examples(JsonMapper json) {
        List<Example> examples = new ArrayList<>();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(
                new ClassPathResource("routing/training-examples.jsonl").getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = reader.readLine()) != null; ) {
                if (!line.isBlank()) {
                    JsonNode node = json.readTree(line);
                    examples.add(new Example(
                            node.get("category").asString(),
                            node.get("title").asString(),
                            node.get("description").asString()));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return examples;
    }

    private static String priority(String impact, String urgency) {
        int score = rank(impact) + rank(urgency);
        return switch (score) {
            case 0 -> "P1";
            case 1 -> "P2";
            case 2 -> "P3";
            default -> "P4";
        };
    }

    private static int rank(String level) {
        return switch (level) {
            case "HIGH" -> 0;
            case "MEDIUM" -> 1;
            default -> 2;
        };
    }

    private static String prefix(String type) {
        return switch (type) {
            case "SERVICE_REQUEST" -> "REQ";
            case "SECURITY_INCIDENT" -> "SEC";
            default -> "INC";
        };
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

    private static String truncate(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max);
    }

    private static String pick(Random random, String[] values, int... weights) {
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
}
