package pl.krakow.coi.servicedesk.reporting.kpi;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import pl.krakow.coi.servicedesk.ticket.TicketService;
import pl.krakow.coi.servicedesk.ticket.domain.Actor;
import pl.krakow.coi.servicedesk.ticket.domain.Channel;
import pl.krakow.coi.servicedesk.ticket.domain.Impact;
import pl.krakow.coi.servicedesk.ticket.domain.Requester;
import pl.krakow.coi.servicedesk.ticket.domain.Resolution;
import pl.krakow.coi.servicedesk.ticket.domain.Ticket;
import pl.krakow.coi.servicedesk.ticket.domain.TicketType;
import pl.krakow.coi.servicedesk.ticket.domain.UnitCode;
import pl.krakow.coi.servicedesk.ticket.domain.Urgency;

/**
 * Nine tickets around October 2026 with known histories, small enough to compute every KPI by hand
 * (the expected values are written out, with their derivation, in {@code KpiFixtureIT} and in the
 * app's dashboard browser test). Times are City Hall local times; office hours are Monday–Friday
 * 07:30–15:30 and October 2026 has no public holiday; summer time ends on Sunday 25 October.
 *
 * <pre>
 * T1 INC P3 PORTAL WS-PRINTER-FAULT KP-01  Mon 5 Oct 08:00; first line assigns 08:20, resolves 09:00; closed Tue 10:00
 * T2 INC P2 EMAIL  NET-CORE         KP-02  Mon 5 Oct 14:00; assigned 14:30, escalated to IT-04-1 15:00;
 *                                          IT-04-1 starts Tue 6 Oct 08:00, resolves 10:30
 * T3 INC P1 PHONE  WS-PRINTER-FAULT KP-01  Tue 6 Oct 09:00, CI 501; assigned 09:10, escalated to IT-04-2 09:20;
 *                                          IT-04-2 reassigns to IT-05-4 10:00; IT-05-4 resolves Wed 7 Oct 09:00;
 *                                          requester reopens 12:00; IT-05-4 resolves again 13:00
 * T4 REQ P4 PORTAL WS-APP-INSTALL   KP-03  Wed 7 Oct 10:00; first line asks the requester 10:30, the requester
 *                                          answers Thu 8 Oct 10:00, first line resolves 10:30
 * T5 INC P3 PORTAL WS-PRINTER-FAULT KP-01  Thu 8 Oct 11:00, CI 501; assigned 11:05, escalated to IT-04-1 11:30; open
 * T6 INC P3 EMAIL  NET-CORE         KP-02  Fri 9 Oct 09:00; the requester cancels 09:30
 * T7 SEC P2 PHONE  SEC-PHISHING     KP-05  Fri 9 Oct 10:00; escalated to IT-02-1 10:05, assigned 10:15, resolved 12:15
 * T8 INC P3 PORTAL WS-PRINTER-FAULT KP-04  Tue 29 Sep 09:00; never answered, open
 * T9 INC P3 PORTAL WS-PRINTER-FAULT KP-01  Mon 26 Oct 09:00; assigned 09:30; first line resolves Mon 2 Nov 10:00
 * </pre>
 */
public final class KpiFixture {

    public static final LocalDate FROM = LocalDate.of(2026, 10, 1);
    public static final LocalDate TO = LocalDate.of(2026, 11, 1);
    public static final long CI = 501;

    public static final String PRINTER = "WS-PRINTER-FAULT";
    public static final String NETWORK = "NET-CORE";
    public static final String INSTALL = "WS-APP-INSTALL";
    public static final String PHISHING = "SEC-PHISHING";

    private static final Actor FIRST_LINE = agent("jan.kowalski", "IT-02-2");
    private static final Actor INFRASTRUCTURE = agent("marek.lis", "IT-04-1");
    private static final Actor USER_SUPPORT = agent("ewa.zielinska", "IT-04-2");
    private static final Actor DESKTOP_APPS = agent("pawel.kaminski", "IT-05-4");
    private static final Actor SECURITY = agent("olga.sowa", "IT-02-1");

    private KpiFixture() {}

    /** Registers the nine tickets; returns their ids by name (T1 … T9). */
    public static Map<String, Long> seed(TicketService tickets, JdbcClient jdbc) {
        configurationItems(jdbc, CI);
        Map<String, Long> ids = new LinkedHashMap<>();
        Requester anna = requester("anna.nowak", "KP-01");
        Requester tadeusz = requester("tadeusz.mazur", "KP-02");
        Requester piotr = requester("piotr.wisniewski", "KP-03");
        Requester maria = requester("maria.kaczmarek", "KP-04");
        Requester barbara = requester("barbara.jankowska", "KP-05");

        ids.put(
                "T1",
                register(
                        tickets,
                        incident(
                                "Drukarka nie drukuje",
                                anna,
                                Channel.PORTAL,
                                PRINTER,
                                null,
                                Impact.MEDIUM,
                                Urgency.MEDIUM),
                        actor(anna),
                        at(10, 5, 8, 0),
                        t -> {
                            t.assign(FIRST_LINE.username(), FIRST_LINE.displayName(), FIRST_LINE, at(10, 5, 8, 20));
                            t.resolve(Resolution.FIXED, "Wyczyszczono kolejkę wydruku.", FIRST_LINE, at(10, 5, 9, 0));
                            t.close(actor(anna), at(10, 6, 10, 0));
                        }));
        ids.put(
                "T2",
                register(
                        tickets,
                        incident(
                                "Brak sieci w budynku",
                                tadeusz,
                                Channel.EMAIL,
                                NETWORK,
                                null,
                                Impact.HIGH,
                                Urgency.MEDIUM),
                        FIRST_LINE,
                        at(10, 5, 14, 0),
                        t -> {
                            t.assign(FIRST_LINE.username(), FIRST_LINE.displayName(), FIRST_LINE, at(10, 5, 14, 30));
                            t.escalate(new UnitCode("IT-04-1"), handover(), FIRST_LINE, at(10, 5, 15, 0));
                            t.startWork(INFRASTRUCTURE, at(10, 6, 8, 0));
                            t.resolve(
                                    Resolution.FIXED,
                                    "Wymieniono uszkodzony przełącznik.",
                                    INFRASTRUCTURE,
                                    at(10, 6, 10, 30));
                        }));
        ids.put(
                "T3",
                register(
                        tickets,
                        incident(
                                "Drukarka sieciowa zacina papier",
                                anna,
                                Channel.PHONE,
                                PRINTER,
                                CI,
                                Impact.HIGH,
                                Urgency.HIGH),
                        FIRST_LINE,
                        at(10, 6, 9, 0),
                        t -> {
                            t.assign(FIRST_LINE.username(), FIRST_LINE.displayName(), FIRST_LINE, at(10, 6, 9, 10));
                            t.escalate(new UnitCode("IT-04-2"), handover(), FIRST_LINE, at(10, 6, 9, 20));
                            t.reassign(
                                    new UnitCode("IT-05-4"),
                                    "Problem dotyczy sterownika aplikacji desktopowej.",
                                    USER_SUPPORT,
                                    at(10, 6, 10, 0));
                            t.resolve(
                                    Resolution.FIXED,
                                    "Zaktualizowano sterownik drukarki.",
                                    DESKTOP_APPS,
                                    at(10, 7, 9, 0));
                            t.reopen("Problem wrócił po ponownym uruchomieniu.", actor(anna), at(10, 7, 12, 0));
                            t.resolve(Resolution.FIXED, "Usunięto przyczynę trwale.", DESKTOP_APPS, at(10, 7, 13, 0));
                        }));
        ids.put(
                "T4",
                register(
                        tickets,
                        new Ticket.NewTicket(
                                TicketType.SERVICE_REQUEST,
                                "Instalacja programu",
                                "Proszę o instalację programu do edycji PDF.",
                                piotr,
                                Channel.PORTAL,
                                INSTALL,
                                null,
                                Impact.LOW,
                                Urgency.LOW,
                                null),
                        actor(piotr),
                        at(10, 7, 10, 0),
                        t -> {
                            t.waitForRequester(
                                    "Proszę podać numer inwentarzowy komputera.", FIRST_LINE, at(10, 7, 10, 30));
                            t.comment(
                                    "Numer UMK/2023/01234.",
                                    pl.krakow.coi.servicedesk.ticket.domain.Comment.Visibility.PUBLIC,
                                    actor(piotr),
                                    at(10, 8, 10, 0));
                            t.resolve(
                                    Resolution.FIXED, "Zainstalowano program zdalnie.", FIRST_LINE, at(10, 8, 10, 30));
                        }));
        ids.put(
                "T5",
                register(
                        tickets,
                        incident(
                                "Drukarka pokazuje błąd",
                                anna,
                                Channel.PORTAL,
                                PRINTER,
                                CI,
                                Impact.MEDIUM,
                                Urgency.MEDIUM),
                        actor(anna),
                        at(10, 8, 11, 0),
                        t -> {
                            t.assign(FIRST_LINE.username(), FIRST_LINE.displayName(), FIRST_LINE, at(10, 8, 11, 5));
                            t.escalate(new UnitCode("IT-04-1"), handover(), FIRST_LINE, at(10, 8, 11, 30));
                        }));
        ids.put(
                "T6",
                register(
                        tickets,
                        incident("Wolna sieć", tadeusz, Channel.EMAIL, NETWORK, null, Impact.MEDIUM, Urgency.MEDIUM),
                        FIRST_LINE,
                        at(10, 9, 9, 0),
                        t -> t.cancel("Zgłoszone przez pomyłkę, sieć działa.", actor(tadeusz), at(10, 9, 9, 30))));
        ids.put(
                "T7",
                register(
                        tickets,
                        new Ticket.NewTicket(
                                TicketType.SECURITY_INCIDENT,
                                "Podejrzany e-mail",
                                "Otrzymałam wiadomość z prośbą o podanie hasła.",
                                barbara,
                                Channel.PHONE,
                                PHISHING,
                                null,
                                Impact.HIGH,
                                Urgency.MEDIUM,
                                null),
                        SECURITY,
                        at(10, 9, 10, 0),
                        t -> {
                            // Every ticket enters at the first line, which confirms the suspicion (ADR 0005).
                            t.escalate(UnitCode.SECURITY, handover(), FIRST_LINE, at(10, 9, 10, 5));
                            t.assign(SECURITY.username(), SECURITY.displayName(), SECURITY, at(10, 9, 10, 15));
                            t.resolve(
                                    Resolution.FIXED,
                                    "Zablokowano nadawcę, zmieniono hasło.",
                                    SECURITY,
                                    at(10, 9, 12, 15));
                        }));
        ids.put(
                "T8",
                register(
                        tickets,
                        incident(
                                "Skaner nie działa",
                                maria,
                                Channel.PORTAL,
                                PRINTER,
                                null,
                                Impact.MEDIUM,
                                Urgency.MEDIUM),
                        actor(maria),
                        at(9, 29, 9, 0),
                        t -> {}));
        ids.put(
                "T9",
                register(
                        tickets,
                        incident(
                                "Drukarka offline", anna, Channel.PORTAL, PRINTER, null, Impact.MEDIUM, Urgency.MEDIUM),
                        actor(anna),
                        at(10, 26, 9, 0),
                        t -> {
                            t.assign(FIRST_LINE.username(), FIRST_LINE.displayName(), FIRST_LINE, at(10, 26, 9, 30));
                            t.resolve(Resolution.FIXED, "Podłączono ponownie drukarkę.", FIRST_LINE, at(11, 2, 10, 0));
                        }));
        return ids;
    }

    /** A City Hall local time in 2026. */
    /** Printers with these ids in the CMDB (tickets refer only to items that exist). */
    public static void configurationItems(JdbcClient jdbc, long... ids) {
        for (long id : ids) {
            jdbc.sql("""
                            INSERT INTO configuration_item (id, class_code, name, status, created_at, updated_at)
                            OVERRIDING SYSTEM VALUE VALUES (:id, 'PRINTER', :name, 'IN_USE', now(), now())
                            ON CONFLICT (id) DO NOTHING
                            """).param("id", id).param("name", "KP01-PRN" + id).update();
        }
    }

    public static Instant at(int month, int day, int hour, int minute) {
        return LocalDateTime.of(2026, month, day, hour, minute)
                .atZone(KpiQuery.ZONE)
                .toInstant();
    }

    private static long register(
            TicketService tickets,
            Ticket.NewTicket request,
            Actor actor,
            Instant at,
            java.util.function.Consumer<Ticket> history) {
        return tickets.registerWithHistory(request, actor, at, history).id();
    }

    private static Ticket.NewTicket incident(
            String title,
            Requester requester,
            Channel channel,
            String category,
            Long ci,
            Impact impact,
            Urgency urgency) {
        return new Ticket.NewTicket(
                TicketType.INCIDENT,
                title,
                title + " – opis zgłoszenia.",
                requester,
                channel,
                category,
                ci,
                impact,
                urgency,
                null);
    }

    private static String handover() {
        return "Pierwsza linia potwierdziła problem z użytkownikiem, restart i sprawdzenie połączenia nie pomogły;"
                + " przekazuję zgodnie z kompetencją.";
    }

    private static Requester requester(String username, String unit) {
        return new Requester(username, username, Optional.of(new UnitCode(unit)));
    }

    private static Actor actor(Requester requester) {
        return new Actor(requester.username(), requester.displayName(), requester.customerUnit(), Actor.Kind.REQUESTER);
    }

    private static Actor agent(String username, String unit) {
        return new Actor(username, username, Optional.of(new UnitCode(unit)), Actor.Kind.AGENT);
    }
}
