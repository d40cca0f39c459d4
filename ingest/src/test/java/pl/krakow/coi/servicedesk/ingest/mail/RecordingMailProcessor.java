package pl.krakow.coi.servicedesk.ingest.mail;

import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.time.Instant;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.springframework.boot.test.context.TestComponent;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.simple.JdbcClient;
import pl.krakow.coi.servicedesk.ticket.TicketService;
import pl.krakow.coi.servicedesk.ticket.domain.Actor;
import pl.krakow.coi.servicedesk.ticket.domain.Channel;
import pl.krakow.coi.servicedesk.ticket.domain.Requester;
import pl.krakow.coi.servicedesk.ticket.domain.Ticket;
import pl.krakow.coi.servicedesk.ticket.domain.TicketType;

/**
 * A {@link MailProcessor} for the reader's tests, independent of what a mail really becomes: it records each call
 * as a row of {@code mail_test_effect} in the reader's transaction (so a row means a committed processing), files a
 * ticket for a subject starting {@code Ticket:}, holds a mail whose subject starts {@code Hold:}, and runs the
 * {@link #HOOKS} of the test (by subject prefix) before it records, which may throw or cut the connection.
 */
@TestComponent
@Primary
class RecordingMailProcessor implements MailProcessor {

    /** Actions by subject prefix, run inside the transaction before the effect is recorded. */
    static final Map<String, Consumer<String>> HOOKS = new ConcurrentHashMap<>();

    private final JdbcClient jdbc;
    private final TicketService tickets;

    RecordingMailProcessor(JdbcClient jdbc, TicketService tickets) {
        this.jdbc = jdbc;
        this.tickets = tickets;
        jdbc.sql("""
                        CREATE TABLE IF NOT EXISTS mail_test_effect (
                            id bigserial PRIMARY KEY, mailbox text, message_id text, subject text, kind text)
                        """).update();
    }

    @Override
    public MailOutcome process(MailboxSettings mailbox, byte[] raw) {
        String subject;
        String from;
        String messageId;
        try {
            MimeMessage message = new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(raw));
            subject = message.getSubject() == null ? "" : message.getSubject();
            from = message.getFrom() == null ? null : ((InternetAddress) message.getFrom()[0]).getAddress();
            messageId = message.getMessageID();
        } catch (Exception e) {
            return new MailOutcome(MailOutcome.Kind.QUARANTINED, null, "MALFORMED_MIME", null, null);
        }
        HOOKS.forEach((prefix, hook) -> {
            if (subject.startsWith(prefix)) {
                hook.accept(subject);
            }
        });
        record(mailbox.name(), messageId, subject, "PROCESS");
        if (subject.startsWith("Hold:")) {
            return new MailOutcome(MailOutcome.Kind.HELD_UNKNOWN_SENDER, null, "UNKNOWN_SENDER", from, subject);
        }
        Long ticketId = null;
        if (subject.startsWith("Ticket:")) {
            Ticket ticket = tickets.registerAt(
                    new Ticket.NewTicket(
                            TicketType.INCIDENT,
                            subject,
                            "Filed from a mail by the reader's test processor",
                            Requester.external(from, null),
                            Channel.EMAIL,
                            null,
                            null,
                            null,
                            null,
                            null),
                    Actor.system("mail-test"),
                    Instant.now());
            ticketId = ticket.state().id();
        }
        return new MailOutcome(MailOutcome.Kind.TICKET_CREATED, ticketId, null, from, subject);
    }

    @Override
    public MailOutcome tooLarge(MailboxSettings mailbox, String sender, String subject, long size) {
        record(mailbox.name(), null, subject, "TOO_LARGE");
        return new MailOutcome(MailOutcome.Kind.QUARANTINED, null, "TOO_LARGE", sender, subject);
    }

    private void record(String mailbox, String messageId, String subject, String kind) {
        jdbc.sql("INSERT INTO mail_test_effect (mailbox, message_id, subject, kind) VALUES (?, ?, ?, ?)")
                .params(mailbox, messageId, subject, kind)
                .update();
    }
}
