package pl.krakow.coi.servicedesk.attachment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;
import pl.krakow.coi.servicedesk.testing.IntegrationTest;
import pl.krakow.coi.servicedesk.testing.TestUsers;
import pl.krakow.coi.servicedesk.ticket.TicketIntake;
import pl.krakow.coi.servicedesk.ticket.TicketLookup;
import pl.krakow.coi.servicedesk.ticket.TicketService;
import pl.krakow.coi.servicedesk.ticket.domain.Actor;
import pl.krakow.coi.servicedesk.ticket.domain.Channel;
import pl.krakow.coi.servicedesk.ticket.domain.Requester;
import pl.krakow.coi.servicedesk.ticket.domain.Resolution;
import pl.krakow.coi.servicedesk.ticket.domain.Ticket;
import pl.krakow.coi.servicedesk.ticket.domain.TicketEvent;
import pl.krakow.coi.servicedesk.ticket.domain.TicketEventType;
import pl.krakow.coi.servicedesk.ticket.domain.TicketState;
import pl.krakow.coi.servicedesk.ticket.domain.TicketType;

/**
 * Files of a mail ({@link AttachmentIntake}): stored under the upload rules, pending the virus scan, recorded by the
 * given actor; a refused file throws with the API's problem type and leaves nothing behind, while the caller's
 * transaction (the mail's ticket) still commits.
 */
@IntegrationTest(properties = "servicedesk.attachments.max-file-size=64KB")
@Import(AttachmentIntakeIT.UnreachableScanner.class)
class AttachmentIntakeIT {

    /** A scanner that never answers: a file stays pending its scan. */
    @TestConfiguration(proxyBeanMethods = false)
    static class UnreachableScanner {
        @Bean
        VirusScanner unreachableScanner() {
            return content -> {
                throw new VirusScanner.ScannerUnavailable("connection refused", null);
            };
        }
    }

    final Requester outsider = Requester.external("nadawca@example.com", "Nadawca Maila");
    final Actor writes = new Actor(outsider.username(), "Nadawca Maila", Optional.empty(), Actor.Kind.REQUESTER);

    @Autowired
    AttachmentIntake intake;

    @Autowired
    TicketIntake tickets;

    @Autowired
    TicketService ticketService;

    @Autowired
    TicketLookup lookup;

    @Autowired
    TransactionTemplate transaction;

    @Autowired
    JdbcClient jdbc;

    @Test
    void aMailsFileIsStoredTypedByItsContentPendingItsScanAndRecordedByTheSender() {
        long[] ids = transaction.execute(status -> {
            TicketState ticket = register("Zrzut ekranu błędu");
            return new long[] {
                ticket.id(), intake.add(ticket.id(), "zrzut.png", "application/octet-stream", png(), writes)
            };
        });

        assertThat(jdbc.sql("""
                        SELECT ticket_id || '>' || filename || '>' || content_type || '>' || state || '>' || uploaded_by
                        FROM attachment WHERE id = :id
                        """).param("id", ids[1]).query(String.class).single())
                .isEqualTo(ids[0] + ">zrzut.png>image/png>PENDING_SCAN>" + outsider.username());
        assertThat(lookup.history(ids[0]))
                .filteredOn(e -> e.type() == TicketEventType.ATTACHMENT_ADDED)
                .singleElement()
                .satisfies(e -> {
                    assertThat(e.actor().username()).isEqualTo(outsider.username());
                    assertThat(e.data()).containsEntry("filename", "zrzut.png").containsEntry("visibility", "PUBLIC");
                });
    }

    @Test
    void aRefusedFileThrowsWithTheApisProblemTypeWritesNothingAndTheTicketStillCommits() {
        long ticketId = transaction.execute(status -> {
            TicketState ticket = register("Faktura w załączniku");
            assertRefused(
                    () -> intake.add(ticket.id(), "faktura.pdf", "application/pdf", stream(Samples.pe()), writes),
                    "attachment-type-denied");
            assertRefused(
                    () -> intake.add(ticket.id(), "skrypt.txt.sh", "text/plain", stream(Samples.shellScript()), writes),
                    "attachment-type-denied");
            assertRefused(
                    () -> intake.add(ticket.id(), "duzy.png", "image/png", stream(Samples.png(80 * 1024)), writes),
                    "attachment-too-large");
            assertRefused(
                    () -> intake.add(ticket.id(), "pusty.txt", "text/plain", stream(new byte[0]), writes),
                    "attachment-empty");
            intake.add(ticket.id(), "zrzut.png", "image/png", png(), writes);
            return ticket.id();
        });

        assertThat(jdbc.sql("SELECT filename FROM attachment WHERE ticket_id = :id")
                        .param("id", ticketId)
                        .query(String.class)
                        .list())
                .containsExactly("zrzut.png");
        assertThat(jdbc.sql("SELECT count(*) FROM attachment_chunk c JOIN attachment a ON a.id = c.attachment_id"
                                + " WHERE a.ticket_id = :id AND a.filename <> 'zrzut.png'")
                        .param("id", ticketId)
                        .query(Long.class)
                        .single())
                .isZero();
        List<TicketEventType> types =
                lookup.history(ticketId).stream().map(TicketEvent::type).toList();
        assertThat(types).containsExactly(TicketEventType.CREATED, TicketEventType.ATTACHMENT_ADDED);
    }

    @Test
    void aClosedTicketTakesNoMoreFiles() {
        TicketState ticket = register("Zamknięte zgłoszenie");
        String ref = String.valueOf(ticket.id());
        ticketService.resolve(ref, null, Resolution.FIXED, "Załatwione od ręki.", TestUsers.firstLine("jan.kowalski"));
        ticketService.close(ref, null, TestUsers.firstLine("jan.kowalski"));

        assertRefused(
                () -> intake.add(ticket.id(), "zrzut.png", "image/png", png(), writes), "invalid-status-transition");
        assertThat(jdbc.sql("SELECT count(*) FROM attachment WHERE ticket_id = :id")
                        .param("id", ticket.id())
                        .query(Long.class)
                        .single())
                .isZero();
    }

    private static void assertRefused(Runnable add, String code) {
        assertThatThrownBy(add::run)
                .isInstanceOfSatisfying(
                        AttachmentIntake.AttachmentRefused.class,
                        e -> assertThat(e.code()).isEqualTo(code));
    }

    private TicketState register(String title) {
        return tickets.register(
                new Ticket.NewTicket(
                        TicketType.INCIDENT,
                        title,
                        "Opis: " + title,
                        outsider,
                        Channel.EMAIL,
                        null,
                        null,
                        null,
                        null,
                        null),
                writes);
    }

    private static InputStream png() {
        return stream(Samples.png(100));
    }

    private static InputStream stream(byte[] bytes) {
        return new ByteArrayInputStream(bytes);
    }
}
