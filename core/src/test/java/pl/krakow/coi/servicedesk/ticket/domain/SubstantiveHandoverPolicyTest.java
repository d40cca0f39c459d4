package pl.krakow.coi.servicedesk.ticket.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static pl.krakow.coi.servicedesk.ticket.domain.TicketFixtures.MONDAY_9;
import static pl.krakow.coi.servicedesk.ticket.domain.TicketFixtures.firstLineAgent;

import org.junit.jupiter.api.Test;

class SubstantiveHandoverPolicyTest {

    static final String TITLE = "Serwer aplikacji kadrowej nie odpowiada";
    static final String DESCRIPTION = "Od rana aplikacja kadrowa KADRY-NET zwraca błąd 503 przy logowaniu, dotyczy"
            + " wszystkich pracowników wydziału KP-01, wcześniej działała poprawnie.";

    @Test
    void aCopyOfTheDescriptionIsNotAHandoverComment() {
        assertThat(SubstantiveHandoverPolicy.shortcomings(DESCRIPTION))
                .as("on length alone it would pass")
                .isEmpty();
        assertThat(SubstantiveHandoverPolicy.shortcomings(DESCRIPTION, TITLE, DESCRIPTION))
                .anySatisfy(r -> assertThat(r).contains("repeats what the ticket already says"));
        assertThat(SubstantiveHandoverPolicy.shortcomings(
                        "Proszę o realizację. " + TITLE + ". " + DESCRIPTION, TITLE, DESCRIPTION))
                .isNotEmpty();
        assertThat(SubstantiveHandoverPolicy.shortcomings(
                        TITLE + " – " + TITLE.toLowerCase() + ", " + TITLE + "!", TITLE, DESCRIPTION))
                .isNotEmpty();
    }

    @Test
    void theImportsAndTheAlertPathsBoilerplateIsNotAHandoverComment() {
        String imported = "Zgłoszenie INC0012345 w poprzednim systemie przekazano grupie Aplikacje (IT-05-1) dnia"
                + " 2025-03-04 10:15; historia przeniesiona importem.";
        String alert = "Automatyczne przekazanie alertu KadryDown z monitoringu: element srv-kadry-01 jest utrzymywany"
                + " przez IT-05-1, szczegóły alertu w opisie zgłoszenia.";
        String alertTitle = "[critical] KadryDown srv-kadry-01";
        String alertDescription = "Alert KadryDown (critical) na srv-kadry-01: aplikacja kadrowa nie odpowiada.";
        assertThat(SubstantiveHandoverPolicy.shortcomings(imported, TITLE, DESCRIPTION))
                .isNotEmpty();
        assertThat(SubstantiveHandoverPolicy.shortcomings(alert, alertTitle, alertDescription))
                .isNotEmpty();
    }

    @Test
    void aCommentThatSaysWhatTheFirstLineFoundPasses() {
        String handover = "Sprawdziłem z dwóch stacji i z konta testowego: strona logowania się ładuje, błąd pojawia"
                + " się po podaniu hasła. Usługa LDAP odpowiada. Podejrzewam pulę połączeń do bazy po nocnej"
                + " aktualizacji – wymaga dostępu administracyjnego do serwera.";
        assertThat(SubstantiveHandoverPolicy.shortcomings(handover, TITLE, DESCRIPTION))
                .isEmpty();
    }

    @Test
    void theTicketRefusesAnEscalationThatRepeatsItsDescription() {
        Ticket ticket = TicketFixtures.printerIncident();
        String copy = ticket.state().description() + " " + ticket.state().title() + " "
                + ticket.state().description();
        assertThatThrownBy(() -> ticket.escalate(new UnitCode("IT-04-2"), copy, firstLineAgent(), MONDAY_9))
                .isInstanceOf(TicketRuleViolation.class)
                .satisfies(e -> assertThat(((TicketRuleViolation) e).type()).isEqualTo("escalation-requires-handover"));
        assertThat(ticket.assignedUnit()).isEqualTo(UnitCode.FIRST_LINE);
    }
}
