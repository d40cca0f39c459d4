package pl.krakow.coi.servicedesk.ticket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import pl.krakow.coi.servicedesk.platform.ServiceDeskException;
import pl.krakow.coi.servicedesk.platform.security.CurrentUser;
import pl.krakow.coi.servicedesk.search.SearchVisibility;
import pl.krakow.coi.servicedesk.testing.Api;
import pl.krakow.coi.servicedesk.testing.IntegrationTest;
import pl.krakow.coi.servicedesk.testing.TestUsers;
import pl.krakow.coi.servicedesk.ticket.TicketAccess.Action;
import pl.krakow.coi.servicedesk.ticket.domain.Resolution;
import pl.krakow.coi.servicedesk.ticket.domain.TicketState;
import pl.krakow.coi.servicedesk.ticket.domain.TicketType;

/**
 * The visibility invariants over generated histories: random sequences of lifecycle actions by random actors,
 * applied through the ticket service on the embedded stack (refusals are allowed), and after every step:
 *
 * <ul>
 *   <li>an open ticket always has a unit whose agents see it, find it in their queue and can act on it;
 *   <li>the requester never sees an internal word (internal comments, handover comments, reassign and
 *       hand-back reasons, reclassification and escalate-to-deputy reasons, remote-hands notes) in the
 *       ticket, its history or its comments as the API shows them;
 *   <li>the SQL and search readings of the visibility rule admit exactly what {@code canView} admits.
 * </ul>
 */
@IntegrationTest
class TicketInvariantsIT {

    static final List<String> UNITS = List.of("IT-02-1", "IT-04-1", "IT-04-2", "IT-05-1");
    static final int ACTIONS = 17;

    final CurrentUser anna = TestUsers.requester("anna.nowak", "KP-01");
    final List<CurrentUser> agents = List.of(
            TestUsers.firstLine("jan.kowalski"),
            TestUsers.agent("olga.sowa", "IT-02-1"),
            TestUsers.agent("marek.lis", "IT-04-1"),
            TestUsers.agent("ewa.zielinska", "IT-04-2"),
            TestUsers.agent("adam.nowicki", "IT-05-1"));
    final CurrentUser deputy = TestUsers.manager("zastepca.pierwszy", "COI-Z1");
    final CurrentUser director = TestUsers.manager("dyrektor.coi", "COI-DYR");
    final List<CurrentUser> observers = List.of(
            anna,
            TestUsers.requester("piotr.wisniewski", "KP-03"),
            TestUsers.firstLine("jan.kowalski"),
            TestUsers.agent("olga.sowa", "IT-02-1"),
            TestUsers.agent("marek.lis", "IT-04-1"),
            TestUsers.agent("ewa.zielinska", "IT-04-2"),
            TestUsers.agent("adam.nowicki", "IT-05-1"),
            TestUsers.manager("kierownik.it05", "IT-05"),
            TestUsers.manager("strateg.miejski", "IT-08"),
            TestUsers.admin("admin"),
            deputy);

    @Autowired
    TicketService service;

    @Autowired
    TicketAccess access;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    Api api;

    @Test
    void everyOpenTicketIsWorkableAndTheRequesterNeverSeesAnInternalWord() {
        qt().withExamples(20)
                .withShrinkCycles(10)
                .forAll(
                        integers().between(0, 2),
                        lists().of(integers().between(0, Integer.MAX_VALUE)).ofSizeBetween(10, 15))
                .checkAssert((type, steps) -> new History(TicketType.values()[type]).run(steps));
    }

    /** One generated history of one ticket. */
    final class History {

        final List<String> internalWords = new ArrayList<>();
        final Random letters;
        final String ref;
        final List<String> trace = new ArrayList<>();

        History(TicketType type) {
            this.letters = new Random(type.ordinal());
            TicketState filed = service.register(
                            new TicketService.RegisterTicket(
                                    type,
                                    "Komputer nie działa",
                                    "Po włączeniu komputer w pokoju 12 pokazuje niebieski ekran.",
                                    null,
                                    null,
                                    null,
                                    null,
                                    null,
                                    null),
                            anna,
                            null)
                    .ticket();
            this.ref = String.valueOf(filed.id());
            trace.add("filed " + type);
        }

        void run(List<Integer> steps) {
            check();
            for (int step : steps) {
                apply(step);
                check();
            }
        }

        private void apply(int step) {
            int action = step % ACTIONS;
            int who = (step / ACTIONS) % 10;
            String unit = UNITS.get((step / (ACTIONS * 10)) % UNITS.size());
            TicketType type = TicketType.values()[(step / (ACTIONS * 40)) % 3];
            TicketState now = service.get(ref, director);
            CurrentUser actor = who < 6
                    ? agentOf(now.assignedUnit().value())
                    : who < 9 ? agents.get(who - 4) : (action % 2 == 0 ? anna : deputy);
            String secret = secret();
            try {
                switch (action) {
                    case 0 -> service.escalate(ref, null, unit, handover(secret), actor);
                    case 1 -> service.reassign(ref, null, unit, "Przekazuję dalej, bo " + secret, actor);
                    case 2 -> service.handBack(ref, null, "Oddaję pierwszej linii: " + secret, actor);
                    case 3 -> service.requestRemoteHands(ref, null, "Na miejscu proszę " + secret, actor);
                    case 4 -> service.reclassify(ref, null, type, "Inny rodzaj, bo " + secret, actor);
                    case 5 -> service.waitForRequester(ref, null, "Czy komputer był przenoszony?", actor);
                    case 6 -> service.comment(ref, null, "Tak, był przenoszony wczoraj.", false, anna);
                    case 7 -> service.resolve(ref, null, Resolution.FIXED, "Wymieniono moduł pamięci.", actor);
                    case 8 -> service.reopen(ref, null, "Problem wrócił po godzinie.", actor);
                    case 9 -> service.cancel(ref, null, "Zgłoszenie wycofane przez nas.", actor);
                    case 10 -> service.close(ref, null, actor);
                    case 11 -> service.comment(ref, null, "Informujemy o postępie prac.", false, actor);
                    case 12 -> service.comment(ref, null, "Notatka wewnętrzna " + secret, true, actor);
                    case 13 -> service.escalateToDeputy(ref, null, "Eskaluję do zastępcy: " + secret, actor);
                    case 14 -> service.assign(ref, null, "me", null, actor);
                    case 15 -> service.start(ref, null, actor);
                    default -> completeRemoteHands(secret);
                }
                trace.add(action + " by " + actor.username() + " ok");
            } catch (ServiceDeskException refused) {
                trace.add(action + " by " + actor.username() + " refused");
            }
        }

        private void completeRemoteHands(String secret) {
            CurrentUser userSupport = agentOf("IT-04-2");
            service.tasks(ref, userSupport).stream()
                    .filter(t -> t.status() == RemoteHandsTask.Status.OPEN)
                    .findFirst()
                    .ifPresent(t -> service.completeRemoteHands(ref, t.id(), "Zrobione: " + secret, userSupport));
        }

        private void check() {
            TicketState ticket = service.get(ref, director);
            String at = String.join(" → ", trace);
            List<CurrentUser> callers = new ArrayList<>(observers);
            CurrentUser holder = agentOf(ticket.assignedUnit().value());
            callers.add(holder);
            List<Boolean> sql = sqlAdmits(callers, ticket);
            if (ticket.status().isOpen()) {
                assertThat(access.canView(holder, ticket))
                        .as("holder sees it after %s", at)
                        .isTrue();
                assertThat(access.allowed(holder, ticket))
                        .as("holder %s acts on it after %s", holder.unit(), at)
                        .contains(Action.ASSIGN, Action.RESOLVE, Action.COMMENT_INTERNAL);
                assertThat(sql.get(callers.size() - 1))
                        .as("in the holder's lists after %s", at)
                        .isTrue();
            }
            for (int i = 0; i < observers.size(); i++) {
                CurrentUser observer = observers.get(i);
                boolean sees = access.canView(observer, ticket);
                assertThat(sql.get(i))
                        .as("SQL for %s after %s", observer.username(), at)
                        .isEqualTo(sees);
                assertThat(SearchVisibility.of(access.visibility(observer)).test(ticket))
                        .as("search for %s after %s", observer.username(), at)
                        .isEqualTo(sees);
            }
            String seenByRequester = requesterReads("") + requesterReads("/history") + requesterReads("/comments");
            for (String word : internalWords) {
                assertThat(seenByRequester).as("requester's view after %s", at).doesNotContain(word);
            }
            assertThat(ticket.number().value()).startsWith(ticket.type().prefix() + "-");
        }

        /** Whether each caller's {@code visibilitySql} admits the ticket, in one query. */
        private List<Boolean> sqlAdmits(List<CurrentUser> callers, TicketState ticket) {
            List<String> columns = new ArrayList<>();
            Map<String, Object> params = new HashMap<>();
            params.put("id", ticket.id());
            for (int i = 0; i < callers.size(); i++) {
                columns.add("(" + access.visibilitySql(callers.get(i)).replace(":viewer", ":viewer" + i) + ")");
                params.put("viewer" + i, callers.get(i).username());
            }
            return jdbc.sql("SELECT " + String.join(", ", columns) + " FROM ticket t WHERE t.id = :id")
                    .params(params)
                    .query((rs, row) -> {
                        List<Boolean> admitted = new ArrayList<>();
                        for (int i = 1; i <= callers.size(); i++) {
                            admitted.add(rs.getBoolean(i));
                        }
                        return admitted;
                    })
                    .single();
        }

        private String requesterReads(String what) {
            return api.as(anna)
                    .get()
                    .uri("/api/v1/tickets/" + ref + what)
                    .exchange()
                    .expectStatus()
                    .isOk()
                    .expectBody(String.class)
                    .returnResult()
                    .getResponseBody();
        }

        private String secret() {
            StringBuilder word = new StringBuilder("poufne");
            for (int i = 0; i < 8; i++) {
                word.append((char) ('a' + letters.nextInt(26)));
            }
            internalWords.add(word.toString());
            return word.toString();
        }

        private String handover(String secret) {
            return "Sprawdziłem pamięć i dysk narzędziem diagnostycznym, sterowniki aktualne, błąd wraca przy starcie;"
                    + " notatka " + secret;
        }
    }

    private CurrentUser agentOf(String unit) {
        return agents.stream()
                .filter(a -> a.unit().orElseThrow().equals(unit))
                .findFirst()
                .orElseGet(() -> TestUsers.agent("agent." + unit.toLowerCase(), unit));
    }
}
