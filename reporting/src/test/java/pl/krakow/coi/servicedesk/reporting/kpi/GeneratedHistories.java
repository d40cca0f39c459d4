package pl.krakow.coi.servicedesk.reporting.kpi;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.springframework.jdbc.core.simple.JdbcClient;
import pl.krakow.coi.servicedesk.ticket.TicketService;
import pl.krakow.coi.servicedesk.ticket.domain.Actor;
import pl.krakow.coi.servicedesk.ticket.domain.Channel;
import pl.krakow.coi.servicedesk.ticket.domain.Comment;
import pl.krakow.coi.servicedesk.ticket.domain.Impact;
import pl.krakow.coi.servicedesk.ticket.domain.Requester;
import pl.krakow.coi.servicedesk.ticket.domain.Resolution;
import pl.krakow.coi.servicedesk.ticket.domain.Ticket;
import pl.krakow.coi.servicedesk.ticket.domain.TicketType;
import pl.krakow.coi.servicedesk.ticket.domain.UnitCode;
import pl.krakow.coi.servicedesk.ticket.domain.Urgency;

/**
 * Tickets with random but lawful histories, registered through the ticket service (so their events are
 * those of real use): resolved at the first line, escalated, reassigned, waiting for the requester,
 * reopened, cancelled or left open, at office and off-office hours over a span of days. Deterministic
 * for a seed.
 */
final class GeneratedHistories {

    private static final List<String[]> CATEGORIES = List.of(
            new String[] {"WS-PRINTER-FAULT", "IT-04-2"},
            new String[] {"NET-CORE", "IT-04-1"},
            new String[] {"APP-FIN", "IT-05-1"},
            new String[] {"VOIP-FAULT", "IT-04-4"},
            new String[] {"PORTAL-BIP", "IT-05-2"},
            new String[] {"WS-APP-INSTALL", "IT-04-2"});
    private static final List<String> CUSTOMERS = List.of("KP-01", "KP-02", "KP-03", "KP-04", "KP-05", "PO");
    private static final Actor FIRST_LINE =
            new Actor("jan.kowalski", "Jan Kowalski", Optional.of(new UnitCode("IT-02-2")), Actor.Kind.AGENT);

    private GeneratedHistories() {}

    static void register(TicketService tickets, JdbcClient jdbc, int count, LocalDate firstDay, int days, long seed) {
        KpiFixture.configurationItems(jdbc, 700, 701, 702, 703, 704);
        Random random = new Random(seed);
        for (int i = 0; i < count; i++) {
            String[] category = CATEGORIES.get(random.nextInt(CATEGORIES.size()));
            String customer = CUSTOMERS.get(random.nextInt(CUSTOMERS.size()));
            Requester requester =
                    new Requester("pracownik" + random.nextInt(50), null, Optional.of(new UnitCode(customer)));
            Actor requesterActor =
                    new Actor(requester.username(), null, requester.customerUnit(), Actor.Kind.REQUESTER);
            Instant created = time(firstDay.plusDays(random.nextInt(days)), random);
            Ticket.NewTicket request = new Ticket.NewTicket(
                    TicketType.INCIDENT,
                    "Zgłoszenie testowe " + i,
                    "Opis zgłoszenia numer " + i + " w kategorii " + category[0],
                    requester,
                    Channel.values()[random.nextInt(Channel.values().length)],
                    random.nextInt(10) == 0 ? null : category[0],
                    random.nextInt(4) == 0 ? (long) (700 + random.nextInt(5)) : null,
                    Impact.values()[random.nextInt(3)],
                    Urgency.values()[random.nextInt(3)],
                    null);
            tickets.registerWithHistory(
                    request, requesterActor, created, t -> history(t, category[1], requesterActor, created, random));
        }
    }

    private static void history(Ticket t, String unit, Actor requester, Instant created, Random random) {
        Instant at = created.plus(minutes(random, 1, 240));
        int path = random.nextInt(100);
        if (path < 5) {
            t.cancel("Zgłoszenie wycofane przez pracownika.", requester, at);
            return;
        }
        if (path < 10) {
            return; // still new
        }
        t.assign(FIRST_LINE.username(), FIRST_LINE.displayName(), FIRST_LINE, at);
        if (random.nextInt(100) < 15) {
            at = at.plus(minutes(random, 5, 60));
            t.waitForRequester("Proszę o dokładny opis komunikatu błędu.", FIRST_LINE, at);
            at = at.plus(minutes(random, 30, 3000));
            t.comment("Komunikat brzmi: brak połączenia.", Comment.Visibility.PUBLIC, requester, at);
        }
        Actor resolver = FIRST_LINE;
        if (path >= 45) {
            at = at.plus(minutes(random, 5, 120));
            t.escalate(
                    new UnitCode(unit),
                    "Pierwsza linia sprawdziła konfigurację, restart i połączenie bez skutku;"
                            + " przekazuję do jednostki właściwej.",
                    FIRST_LINE,
                    at);
            resolver = new Actor("agent." + unit, null, Optional.of(new UnitCode(unit)), Actor.Kind.AGENT);
            if (random.nextInt(100) < 15) {
                String other = unit.equals("IT-04-1") ? "IT-04-4" : "IT-04-1";
                at = at.plus(minutes(random, 10, 600));
                t.reassign(new UnitCode(other), "Kompetencja innej jednostki drugiej linii.", resolver, at);
                resolver = new Actor("agent." + other, null, Optional.of(new UnitCode(other)), Actor.Kind.AGENT);
            }
            if (random.nextInt(100) < 15) {
                return; // open at the second line
            }
            at = at.plus(minutes(random, 10, 600));
            t.startWork(resolver, at);
        }
        at = at.plus(minutes(random, 10, 4000));
        t.resolve(Resolution.FIXED, "Usunięto przyczynę problemu.", resolver, at);
        if (random.nextInt(100) < 10) {
            at = at.plus(minutes(random, 60, 3000));
            t.reopen("Problem powrócił następnego dnia.", requester, at);
            at = at.plus(minutes(random, 10, 2000));
            t.resolve(Resolution.FIXED, "Usunięto przyczynę trwale.", resolver, at);
        }
        if (random.nextBoolean()) {
            t.close(requester, at.plus(minutes(random, 60, 3000)));
        }
    }

    private static Duration minutes(Random random, int min, int max) {
        return Duration.ofMinutes(min + random.nextInt(max - min));
    }

    private static Instant time(LocalDate day, Random random) {
        boolean officeHours = random.nextInt(100) < 85
                && day.getDayOfWeek() != DayOfWeek.SATURDAY
                && day.getDayOfWeek() != DayOfWeek.SUNDAY;
        LocalTime time = officeHours
                ? LocalTime.of(7, 30).plusMinutes(random.nextInt(480))
                : LocalTime.of(0, 0).plusMinutes(random.nextInt(1440));
        return ZonedDateTime.of(day, time, KpiQuery.ZONE).toInstant();
    }
}
