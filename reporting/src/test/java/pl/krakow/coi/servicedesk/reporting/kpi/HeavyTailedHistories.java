package pl.krakow.coi.servicedesk.reporting.kpi;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.springframework.jdbc.core.simple.JdbcClient;
import pl.krakow.coi.servicedesk.ticket.domain.Actor;
import pl.krakow.coi.servicedesk.ticket.domain.Channel;
import pl.krakow.coi.servicedesk.ticket.domain.Impact;
import pl.krakow.coi.servicedesk.ticket.domain.Requester;
import pl.krakow.coi.servicedesk.ticket.domain.Resolution;
import pl.krakow.coi.servicedesk.ticket.domain.Ticket;
import pl.krakow.coi.servicedesk.ticket.domain.TicketEvent;
import pl.krakow.coi.servicedesk.ticket.domain.TicketNumber;
import pl.krakow.coi.servicedesk.ticket.domain.TicketState;
import pl.krakow.coi.servicedesk.ticket.domain.TicketType;
import pl.krakow.coi.servicedesk.ticket.domain.UnitCode;
import pl.krakow.coi.servicedesk.ticket.domain.Urgency;
import tools.jackson.databind.json.JsonMapper;

/**
 * Many ticket histories with heavy-tailed durations, as real service desks have: first responses and
 * resolutions log-normal over minutes to months, many of them within the first minute (zero minutes), some
 * paused for the requester, some escalated, some left open. Each history is played through the ticket
 * domain (so its events are those of real use), then written straight into PostgreSQL in a few
 * multi-row statements, without outbox rows: a reindex brings them into the index. Deterministic for a
 * seed.
 */
final class HeavyTailedHistories {

    private static final List<String[]> CATEGORIES = List.of(
            new String[] {"WS-PRINTER-FAULT", "IT-04-2"},
            new String[] {"NET-CORE", "IT-04-1"},
            new String[] {"APP-FIN", "IT-05-1"},
            new String[] {"VOIP-FAULT", "IT-04-4"},
            new String[] {"PORTAL-BIP", "IT-05-2"});
    private static final List<String> CUSTOMERS = List.of("KP-01", "KP-02", "KP-03", "KP-04", "KP-05", "PO");
    private static final List<Channel> CHANNELS = List.of(Channel.PORTAL, Channel.EMAIL, Channel.PHONE);
    private static final Actor FIRST_LINE =
            new Actor("jan.kowalski", "Jan Kowalski", Optional.of(new UnitCode("IT-02-2")), Actor.Kind.AGENT);
    private static final int CHUNK = 4_000;

    private HeavyTailedHistories() {}

    /** Writes {@code count} tickets registered over the {@code days} days from {@code firstDay}. */
    static void insert(JdbcClient jdbc, JsonMapper json, int count, LocalDate firstDay, int days, long seed) {
        Random random = new Random(seed);
        List<Long> ids = jdbc.sql("SELECT nextval(pg_get_serial_sequence('ticket', 'id')) FROM generate_series(1, :n)")
                .param("n", count)
                .query(Long.class)
                .list();
        List<Long> numbers = jdbc.sql("SELECT nextval('ticket_seq_inc') FROM generate_series(1, :n)")
                .param("n", count)
                .query(Long.class)
                .list();
        List<Ticket> chunk = new ArrayList<>();
        List<Long> chunkIds = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            chunk.add(history(random, firstDay, days, i, numbers.get(i)));
            chunkIds.add(ids.get(i));
            if (chunk.size() == CHUNK || i == count - 1) {
                write(jdbc, json, chunk, chunkIds);
                chunk.clear();
                chunkIds.clear();
            }
        }
        jdbc.sql("ANALYZE ticket").update();
        jdbc.sql("ANALYZE ticket_event").update();
    }

    private static Ticket history(Random random, LocalDate firstDay, int days, int i, long number) {
        String[] category = CATEGORIES.get(random.nextInt(CATEGORIES.size()));
        String customer = CUSTOMERS.get(random.nextInt(CUSTOMERS.size()));
        Requester requester =
                new Requester("pracownik" + random.nextInt(500), null, Optional.of(new UnitCode(customer)));
        Actor requesterActor = new Actor(requester.username(), null, requester.customerUnit(), Actor.Kind.REQUESTER);
        Instant created = time(firstDay.plusDays(random.nextInt(days)), random);
        Channel channel = CHANNELS.get(random.nextInt(CHANNELS.size()));
        Ticket t = Ticket.register(
                new Ticket.NewTicket(
                        TicketType.INCIDENT,
                        "Zgłoszenie o długim ogonie " + i,
                        "Opis zgłoszenia " + i + " w kategorii " + category[0],
                        requester,
                        channel,
                        category[0],
                        null,
                        Impact.values()[random.nextInt(3)],
                        Urgency.values()[random.nextInt(3)],
                        null),
                TicketNumber.of(TicketType.INCIDENT, 2017, number),
                requesterActor,
                created);
        if (random.nextInt(100) < 4) {
            return t; // never answered
        }
        // Answered within the first minute (zero minutes): most phone calls, a quarter of the rest; the others
        // log-normal, median 20 minutes.
        boolean atOnce = random.nextInt(100) < (channel == Channel.PHONE ? 70 : 25);
        Instant at = created.plus(atOnce ? seconds(random, 59) : logNormal(random, 20, 1.6, 60));
        t.assign(FIRST_LINE.username(), FIRST_LINE.displayName(), FIRST_LINE, at);
        if (random.nextInt(100) < 10) {
            at = at.plus(logNormal(random, 15, 1.0, 2));
            t.waitForRequester("Proszę o numer inwentarzowy urządzenia.", FIRST_LINE, at);
            at = at.plus(logNormal(random, 600, 1.8, 60));
            t.comment(
                    "Numer inwentarzowy: 12345.",
                    pl.krakow.coi.servicedesk.ticket.domain.Comment.Visibility.PUBLIC,
                    requesterActor,
                    at);
        }
        Actor resolver = FIRST_LINE;
        if (random.nextInt(100) < 30) {
            at = at.plus(logNormal(random, 30, 1.2, 5));
            t.escalate(
                    new UnitCode(category[1]),
                    "Pierwsza linia sprawdziła konfigurację, restart i połączenie bez skutku;"
                            + " przekazuję do jednostki właściwej.",
                    FIRST_LINE,
                    at);
            resolver =
                    new Actor("agent." + category[1], null, Optional.of(new UnitCode(category[1])), Actor.Kind.AGENT);
        }
        if (random.nextInt(100) < 7) {
            return t; // open
        }
        // Resolved: an eighth in the same minute as the last step, the rest log-normal with a long tail
        // (median four hours, a few after months).
        at = at.plus(random.nextInt(8) == 0 ? seconds(random, 30) : logNormal(random, 240, 2.2, 300));
        t.resolve(Resolution.FIXED, "Usunięto przyczynę problemu.", resolver, at);
        return t;
    }

    /** A log-normal duration in minutes (with seconds), of the given median and shape, at most {@code maxDays}. */
    private static Duration logNormal(Random random, double medianMinutes, double sigma, int maxDays) {
        double minutes = medianMinutes * Math.exp(sigma * random.nextGaussian());
        long seconds = Math.min((long) (minutes * 60), Duration.ofDays(maxDays).toSeconds());
        return Duration.ofSeconds(Math.max(1, seconds));
    }

    private static Duration seconds(Random random, int max) {
        return Duration.ofSeconds(1 + random.nextInt(max));
    }

    private static Instant time(LocalDate day, Random random) {
        boolean officeHours = random.nextInt(100) < 80
                && day.getDayOfWeek() != DayOfWeek.SATURDAY
                && day.getDayOfWeek() != DayOfWeek.SUNDAY;
        LocalTime time = officeHours
                ? LocalTime.of(7, 30).plusSeconds(random.nextInt(8 * 3600))
                : LocalTime.of(0, 0).plusSeconds(random.nextInt(24 * 3600));
        return ZonedDateTime.of(day, time, KpiQuery.ZONE).toInstant();
    }

    /** The tickets and their events, each in one multi-row INSERT over arrays. */
    private static void write(JdbcClient jdbc, JsonMapper json, List<Ticket> tickets, List<Long> ids) {
        int n = tickets.size();
        String[][] t = new String[25][n];
        List<String[]> events = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            TicketState s = tickets.get(i).state();
            String[] row = {
                String.valueOf(ids.get(i)),
                s.number().value(),
                s.type().name(),
                s.title(),
                s.description(),
                s.requester().username(),
                s.requester().displayName() == null
                        ? s.requester().username()
                        : s.requester().displayName(),
                s.requester().customerUnit().map(UnitCode::value).orElse(null),
                s.channel().name(),
                s.categoryCode(),
                s.impact().name(),
                s.urgency().name(),
                s.priority().name(),
                s.status().name(),
                s.line().name(),
                s.assignedUnit().value(),
                s.assignee(),
                s.resolvedByUnit() == null ? null : s.resolvedByUnit().value(),
                s.resolvedByLine() == null ? null : s.resolvedByLine().name(),
                text(s.createdAt()),
                text(s.updatedAt()),
                text(s.firstResponseAt()),
                text(s.resolvedAt()),
                String.join(
                        ",",
                        s.handledBy().stream().map(UnitCode::value).sorted().toList()),
                String.valueOf(s.escalationCount())
            };
            for (int c = 0; c < row.length; c++) {
                t[c][i] = row[c];
            }
            int seq = 0;
            for (TicketEvent e : tickets.get(i).pendingEvents()) {
                events.add(new String[] {
                    String.valueOf(ids.get(i)),
                    String.valueOf(++seq),
                    e.type().name(),
                    e.actor().username(),
                    e.actor().displayName(),
                    e.actor().unit().map(UnitCode::value).orElse(null),
                    e.actor().kind().name(),
                    text(e.occurredAt()),
                    json.writeValueAsString(e.changes()),
                    json.writeValueAsString(e.data())
                });
            }
        }
        jdbc.sql("""
                        INSERT INTO ticket (id, number, type, title, description, requester_username, requester_name,
                            requester_unit, channel, category_code, impact, urgency, priority, status, support_line,
                            assigned_unit, assignee, resolution, resolved_by_unit, resolved_by_line, created_at,
                            updated_at, first_response_at, resolved_at, handled_by_units, escalation_count, version)
                        OVERRIDING SYSTEM VALUE
                        SELECT id, number, type, title, description, ru, rn, unit, channel, category, impact, urgency,
                            priority, status, line, assigned, assignee, CASE WHEN resolved_at IS NULL THEN NULL
                            ELSE 'FIXED' END, rbu, rbl, created_at, updated_at, first_response_at, resolved_at,
                            string_to_array(handled, ',')::varchar[], escalations, 0
                        FROM unnest(CAST(CAST(:c0 AS text[]) AS bigint[]), CAST(:c1 AS text[]), CAST(:c2 AS text[]),
                            CAST(:c3 AS text[]), CAST(:c4 AS text[]), CAST(:c5 AS text[]), CAST(:c6 AS text[]),
                            CAST(:c7 AS text[]), CAST(:c8 AS text[]), CAST(:c9 AS text[]), CAST(:c10 AS text[]),
                            CAST(:c11 AS text[]), CAST(:c12 AS text[]), CAST(:c13 AS text[]), CAST(:c14 AS text[]),
                            CAST(:c15 AS text[]), CAST(:c16 AS text[]), CAST(:c17 AS text[]), CAST(:c18 AS text[]),
                            CAST(CAST(:c19 AS text[]) AS timestamptz[]), CAST(CAST(:c20 AS text[]) AS timestamptz[]), CAST(CAST(:c21 AS text[]) AS timestamptz[]),
                            CAST(CAST(:c22 AS text[]) AS timestamptz[]), CAST(:c23 AS text[]),
                            CAST(CAST(:c24 AS text[]) AS int[]))
                            AS r(id, number, type, title, description, ru, rn, unit, channel, category, impact,
                                urgency, priority, status, line, assigned, assignee, rbu, rbl, created_at, updated_at,
                                first_response_at, resolved_at, handled, escalations)
                        """)
                .param("c0", t[0])
                .param("c1", t[1])
                .param("c2", t[2])
                .param("c3", t[3])
                .param("c4", t[4])
                .param("c5", t[5])
                .param("c6", t[6])
                .param("c7", t[7])
                .param("c8", t[8])
                .param("c9", t[9])
                .param("c10", t[10])
                .param("c11", t[11])
                .param("c12", t[12])
                .param("c13", t[13])
                .param("c14", t[14])
                .param("c15", t[15])
                .param("c16", t[16])
                .param("c17", t[17])
                .param("c18", t[18])
                .param("c19", t[19])
                .param("c20", t[20])
                .param("c21", t[21])
                .param("c22", t[22])
                .param("c23", t[23])
                .param("c24", t[24])
                .update();
        String[][] e = new String[10][events.size()];
        for (int i = 0; i < events.size(); i++) {
            for (int c = 0; c < 10; c++) {
                e[c][i] = events.get(i)[c];
            }
        }
        jdbc.sql("""
                        INSERT INTO ticket_event (ticket_id, seq, type, actor, actor_name, actor_unit, actor_kind,
                            occurred_at, changes, data)
                        SELECT ticket_id, seq, type, actor, actor_name, actor_unit, actor_kind, occurred_at,
                            CAST(changes AS jsonb), CAST(data AS jsonb)
                        FROM unnest(CAST(CAST(:c0 AS text[]) AS bigint[]), CAST(CAST(:c1 AS text[]) AS int[]), CAST(:c2 AS text[]),
                            CAST(:c3 AS text[]), CAST(:c4 AS text[]), CAST(:c5 AS text[]), CAST(:c6 AS text[]),
                            CAST(CAST(:c7 AS text[]) AS timestamptz[]), CAST(:c8 AS text[]), CAST(:c9 AS text[]))
                            AS r(ticket_id, seq, type, actor, actor_name, actor_unit, actor_kind, occurred_at,
                                changes, data)
                        """)
                .param("c0", e[0])
                .param("c1", e[1])
                .param("c2", e[2])
                .param("c3", e[3])
                .param("c4", e[4])
                .param("c5", e[5])
                .param("c6", e[6])
                .param("c7", e[7])
                .param("c8", e[8])
                .param("c9", e[9])
                .update();
    }

    private static String text(Instant instant) {
        return instant == null ? null : instant.toString();
    }
}
