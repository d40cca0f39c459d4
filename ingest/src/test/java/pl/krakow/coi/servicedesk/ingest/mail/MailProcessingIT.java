package pl.krakow.coi.servicedesk.ingest.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.support.TransactionTemplate;
import pl.krakow.coi.servicedesk.people.People;
import pl.krakow.coi.servicedesk.platform.security.CurrentUser;
import pl.krakow.coi.servicedesk.testing.Api;
import pl.krakow.coi.servicedesk.testing.IntegrationTest;
import pl.krakow.coi.servicedesk.testing.TestUsers;
import pl.krakow.coi.servicedesk.ticket.TicketService;
import pl.krakow.coi.servicedesk.ticket.domain.Resolution;
import tools.jackson.databind.JsonNode;

/**
 * The corpus's real message shapes, and replies to the desk's real notifications (sent to GreenMail and fed
 * back), processed as the reader does (a claimed {@code mail_message} row, the processor, the row completed, in
 * one transaction): what each became, in the database.
 */
@IntegrationTest(
        properties = {
            "spring.mail.host=127.0.0.1",
            "servicedesk.notifications.sender.poll-interval=200ms",
            "servicedesk.mail.rate-limit.per-sender=5"
        })
class MailProcessingIT {

    static final GreenMail smtp = new GreenMail(ServerSetupTest.SMTP.dynamicPort());

    static {
        smtp.start();
    }

    @DynamicPropertySource
    static void mailServer(DynamicPropertyRegistry registry) {
        registry.add("spring.mail.port", () -> smtp.getSmtp().getPort());
    }

    @AfterAll
    static void stopMailServer() {
        smtp.stop();
    }

    static final String DESK = "servicedesk@coi.krakow.pl";
    static final MailboxSettings CREATE =
            new MailboxSettings("it", DESK, MailboxSettings.UnknownSenderPolicy.CREATE_EXTERNAL, 25L * 1024 * 1024);
    static final MailboxSettings REFUSE =
            new MailboxSettings("it", DESK, MailboxSettings.UnknownSenderPolicy.REFUSE, 25L * 1024 * 1024);

    final CurrentUser jan = TestUsers.firstLine("jan.kowalski");

    @Autowired
    MailProcessor processor;

    @Autowired
    MailMessages messages;

    @Autowired
    TransactionTemplate transaction;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    People people;

    @Autowired
    TicketService tickets;

    @Autowired
    Api api;

    /** Processes one mail as the reader does. */
    MailOutcome process(MailboxSettings mailbox, byte[] raw) {
        return transaction.execute(status -> {
            Instant now = Instant.now();
            long id = messages.claim(mailbox.name(), "it:" + UUID.randomUUID(), null, raw.length, raw, now, now)
                    .orElseThrow();
            MailOutcome outcome = processor.process(mailbox, raw);
            messages.complete(id, outcome, now);
            return outcome;
        });
    }

    static byte[] corpus(String file) {
        try (InputStream in = MailProcessingIT.class.getResourceAsStream("/mail/corpus/" + file)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] replace(byte[] raw, String from, String to) {
        String text = new String(raw, StandardCharsets.ISO_8859_1);
        assertThat(text).contains(from);
        return text.replace(from, to).getBytes(StandardCharsets.ISO_8859_1);
    }

    void person(String username, String name, String email) {
        people.upsert(username, name, email, "KP-01", "manual", Instant.now());
    }

    Map<String, Object> ticket(long id) {
        return jdbc.sql("SELECT * FROM ticket WHERE id = :id")
                .param("id", id)
                .query()
                .singleRow();
    }

    long count(String sql, Object... params) {
        var spec = jdbc.sql(sql);
        for (int i = 0; i < params.length; i++) {
            spec = spec.param(i + 1, params[i]);
        }
        return spec.query(Long.class).single();
    }

    /** A ticket the requester files through the API; returns its id. */
    long fileTicket(CurrentUser requester, String title) {
        return api.as(requester)
                .post()
                .uri("/api/v1/tickets")
                .contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("title", title, "description", "Opis zgłoszenia: " + title))
                .exchange()
                .expectStatus()
                .isCreated()
                .expectBody(JsonNode.class)
                .returnResult()
                .getResponseBody()
                .get("id")
                .asLong();
    }

    /** The Message-ID (without brackets) of the newest notification sent to {@code email} about the ticket. */
    String notificationTo(String email, long ticketId) {
        await().atMost(Duration.ofSeconds(30)).until(() -> received(email, ticketId).length > 0);
        MimeMessage[] mails = received(email, ticketId);
        try {
            String id = mails[mails.length - 1].getMessageID();
            return id.substring(1, id.length() - 1);
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    static MimeMessage[] received(String email, long ticketId) {
        return Arrays.stream(smtp.getReceivedMessages())
                .filter(m -> {
                    try {
                        String[] to = m.getHeader("To");
                        String[] reply = m.getHeader("In-Reply-To");
                        return to != null
                                && to[0].toLowerCase().contains(email)
                                && reply != null
                                && reply[0].contains("ticket-" + ticketId + "@");
                    } catch (jakarta.mail.MessagingException e) {
                        return false;
                    }
                })
                .toArray(MimeMessage[]::new);
    }

    static MimeMessage[] autoRepliesTo(String email) {
        return Arrays.stream(smtp.getReceivedMessages())
                .filter(m -> {
                    try {
                        String[] marks = m.getHeader("X-ServiceDesk-Notification");
                        return marks != null
                                && marks[0].equals("auto-reply")
                                && m.getHeader("To")[0].toLowerCase().contains(email);
                    } catch (jakarta.mail.MessagingException e) {
                        return false;
                    }
                })
                .toArray(MimeMessage[]::new);
    }

    /** A mail a person writes, as their client sends it. */
    static byte[] mail(String from, String subject, String body, String inReplyTo, MimeBodyPart... attachments) {
        try {
            MimeMessage message = new MimeMessage(Session.getInstance(new Properties()));
            message.setFrom(new InternetAddress(from));
            message.setRecipient(MimeMessage.RecipientType.TO, new InternetAddress(DESK));
            message.setSubject(subject, "UTF-8");
            if (attachments.length == 0) {
                message.setText(body, "UTF-8");
            } else {
                MimeMultipart mixed = new MimeMultipart();
                MimeBodyPart text = new MimeBodyPart();
                text.setText(body, "UTF-8");
                mixed.addBodyPart(text);
                for (MimeBodyPart part : attachments) {
                    mixed.addBodyPart(part);
                }
                message.setContent(mixed);
            }
            if (inReplyTo != null) {
                message.setHeader("In-Reply-To", "<" + inReplyTo + ">");
                message.setHeader("References", "<" + inReplyTo + ">");
            }
            message.setSentDate(new java.util.Date());
            message.saveChanges();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            message.writeTo(out);
            return out.toByteArray();
        } catch (jakarta.mail.MessagingException | IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void newMailsOfTheCorpusBecomeEmailTicketsOfTheirRegisterRequesters() {
        person("grazyna.wojcik", "Grażyna Wójcik", "grazyna.wojcik@um.krakow.pl");
        person("lukasz.zolkiewski", "Łukasz Żółkiewski", "lukasz.zolkiewski@um.krakow.pl");
        person("agnieszka.pecherz", "Agnieszka Pęcherz", "agnieszka.pecherz@um.krakow.pl");
        person("rada.dzielnicy13", "Bożena Łączyńska", "rada.dzielnicy13@um.krakow.pl");
        person("zofia.zrebiec", "Zofia Źrebiec", "zofia.zrebiec@um.krakow.pl");
        person("jerzy.slezak", "Jerzy Ślęzak", "jerzy.slezak@um.krakow.pl");
        person("ewidencja", "System Ewidencji Ludności", "ewidencja@um.krakow.pl");
        record Expected(String file, String username, String title, int files) {}
        List<Expected> corpus = List.of(
                new Expected(
                        "01-outlook-html-inline-images.eml",
                        "grazyna.wojcik",
                        "Drukarka w pokoju 214 nie drukuje - zacięcie papieru",
                        2),
                new Expected(
                        "03-thunderbird-flowed-signature.eml",
                        "lukasz.zolkiewski",
                        "Nie mogę się zalogować do EZD po aktualizacji",
                        1),
                new Expected(
                        "04-apple-mail-alternative.eml",
                        "agnieszka.pecherz",
                        "Konto w systemie Płatnik dla nowej pracownicy",
                        0),
                new Expected(
                        "08-iso-8859-2-outlook-express.eml",
                        "rada.dzielnicy13",
                        "Pilne: nie działa rzutnik w sali obrad",
                        0),
                new Expected(
                        "09-windows-1250-outlook.eml",
                        "zofia.zrebiec",
                        "Uprawnienia do folderu – Wydział Środowiska",
                        0),
                new Expected(
                        "10-raw-utf8-headers-php-form.eml",
                        "jerzy.slezak",
                        "Zgłoszenie: czytnik kart – Wydział Komunikacji",
                        0),
                new Expected(
                        "11-raw-cp1250-headers-cdo.eml",
                        "ewidencja",
                        "Błąd eksportu – ewidencja ludności (Źródło)",
                        1));
        for (Expected expected : corpus) {
            MailOutcome outcome = process(CREATE, corpus(expected.file()));
            assertThat(outcome.kind()).as(expected.file()).isEqualTo(MailOutcome.Kind.TICKET_CREATED);
            Map<String, Object> ticket = ticket(outcome.ticketId());
            assertThat(ticket.get("channel")).as(expected.file()).isEqualTo("EMAIL");
            assertThat(ticket.get("title")).as(expected.file()).isEqualTo(expected.title());
            assertThat(ticket.get("requester_username")).as(expected.file()).isEqualTo(expected.username());
            assertThat(ticket.get("support_line")).as(expected.file()).isEqualTo("FIRST");
            String description = (String) ticket.get("description");
            assertThat(description).as(expected.file()).isNotBlank().doesNotContain("\uFFFD");
            assertThat(count(
                            "SELECT count(*) FROM attachment WHERE ticket_id = ? AND visibility = 'PUBLIC'",
                            outcome.ticketId()))
                    .as(expected.file() + ": its files, inline images too")
                    .isEqualTo(expected.files());
        }
        assertThat(ticket(process(CREATE, corpus("08-iso-8859-2-outlook-express.eml"))
                                .ticketId())
                        .get("description"))
                .as("an ISO-8859-2 body comes through")
                .asString()
                .containsPattern("[ąćęłńóśźż]");
    }

    @Test
    void aReplyToARealNotificationIsAPublicCommentAndResumesAWaitingTicket() {
        person("anna.nowak", "Anna Nowak", "anna.nowak@um.krakow.pl");
        CurrentUser anna = TestUsers.requester("anna.nowak", "KP-01");
        long id = fileTicket(anna, "Nie działa skaner");
        tickets.waitForRequester(String.valueOf(id), null, "Który skaner, w którym pokoju?", jan);
        await().atMost(Duration.ofSeconds(30)).until(() -> received("anna.nowak@um.krakow.pl", id).length >= 2);
        String question = notificationTo("anna.nowak@um.krakow.pl", id);

        MailOutcome outcome = process(
                CREATE,
                mail(
                        "Anna Nowak <anna.nowak@um.krakow.pl>",
                        "RE: Czekamy na Twoją odpowiedź",
                        "Skaner Fujitsu w pokoju 214, ten przy oknie.",
                        question));

        assertThat(outcome.kind()).isEqualTo(MailOutcome.Kind.COMMENTED);
        assertThat(outcome.ticketId()).isEqualTo(id);
        Map<String, Object> comment = jdbc.sql(
                        "SELECT * FROM ticket_comment WHERE ticket_id = :id ORDER BY id DESC LIMIT 1")
                .param("id", id)
                .query()
                .singleRow();
        assertThat(comment.get("body")).isEqualTo("Skaner Fujitsu w pokoju 214, ten przy oknie.");
        assertThat(comment.get("visibility")).isEqualTo("PUBLIC");
        assertThat(comment.get("author")).isEqualTo("anna.nowak");
        assertThat(comment.get("author_kind")).isEqualTo("REQUESTER");
        assertThat(ticket(id).get("status")).as("the SLA clock runs again").isNotEqualTo("WAITING_FOR_REQUESTER");
        assertThat(count("SELECT count(*) FROM ticket_event WHERE ticket_id = ? AND type = 'REQUESTER_REPLIED'", id))
                .isEqualTo(1);
    }

    @Test
    void aReplyToAResolvedTicketReopensItAndToAClosedOneOpensAFollowUp() {
        person("ewa.lis", "Ewa Lis", "ewa.lis@um.krakow.pl");
        CurrentUser ewa = TestUsers.requester("ewa.lis", "KP-01");
        long resolved = fileTicket(ewa, "Brak dostępu do dysku sieciowego");
        tickets.resolve(String.valueOf(resolved), null, Resolution.FIXED, "Nadano uprawnienia do dysku.", jan);
        MailOutcome reopened = process(
                CREATE,
                mail(
                        "ewa.lis@um.krakow.pl",
                        "Re: [" + ticket(resolved).get("number") + "] rozwiązane",
                        "Niestety nadal nie widzę dysku S:.",
                        null));
        assertThat(reopened.kind()).isEqualTo(MailOutcome.Kind.REOPENED);
        assertThat(ticket(resolved).get("status")).isIn("ASSIGNED", "IN_PROGRESS");
        assertThat(ticket(resolved).get("reopen_count")).isEqualTo(1);

        long closed = fileTicket(ewa, "Nowa mysz");
        String ref = String.valueOf(closed);
        tickets.resolve(ref, null, Resolution.FIXED, "Wydano nową mysz.", jan);
        tickets.close(ref, null, ewa);
        String number = (String) ticket(closed).get("number");
        MailOutcome followUp = process(
                CREATE,
                mail("ewa.lis@um.krakow.pl", "Re: [" + number + "] Nowa mysz", "Ta też przestała działać.", null));
        assertThat(followUp.kind()).isEqualTo(MailOutcome.Kind.TICKET_CREATED);
        assertThat(followUp.ticketId()).isNotEqualTo(closed);
        assertThat(ticket(followUp.ticketId()).get("title")).isEqualTo("Nowa mysz");
        assertThat(count(
                        "SELECT count(*) FROM ticket_link WHERE ticket_id = ? AND linked_ticket_id = ? AND kind = 'FOLLOW_UP'",
                        followUp.ticketId(),
                        closed))
                .isEqualTo(1);
        assertThat(ticket(closed).get("status")).isEqualTo("CLOSED");
    }

    @Test
    void aStrangerWithTheNumberGetsATicketOfTheirOwnAndTheOtherStaysUntouched() {
        person("marek.wrobel", "Marek Wróbel", "marek.wrobel@um.krakow.pl");
        long id = fileTicket(TestUsers.requester("marek.wrobel", "KP-01"), "Drukarka");
        String number = (String) ticket(id).get("number");
        Map<String, Object> before = ticket(id);
        long comments = count("SELECT count(*) FROM ticket_comment WHERE ticket_id = ?", id);
        String subject = "=?UTF-8?B?"
                + Base64.getEncoder()
                        .encodeToString(("Re: [" + number + "] drukarka - mam ten sam problem")
                                .getBytes(StandardCharsets.UTF_8))
                + "?=";
        byte[] raw = replace(
                corpus("19-stranger-number-in-subject.eml"),
                "=?UTF-8?B?UmU6IFtJTkMtMjAyNi0wMDAxMjNdIGRydWthcmthIC0gbWFtIHRlbiBzYW0gcHJvYmxlbQ==?=",
                subject);

        MailOutcome outcome = process(CREATE, raw);

        assertThat(outcome.kind()).isEqualTo(MailOutcome.Kind.TICKET_CREATED);
        assertThat(outcome.ticketId()).isNotEqualTo(id);
        Map<String, Object> own = ticket(outcome.ticketId());
        assertThat(own.get("requester_username")).isEqualTo("mail:k.lis1987@onet.pl");
        assertThat(own.get("title")).isEqualTo("drukarka - mam ten sam problem");
        assertThat(count(
                        "SELECT count(*) FROM ticket_link WHERE ticket_id = ? AND linked_ticket_id = ? AND kind = 'MENTIONS'",
                        outcome.ticketId(),
                        id))
                .isEqualTo(1);
        assertThat(count("SELECT count(*) FROM ticket_comment WHERE ticket_id = ?", id))
                .isEqualTo(comments);
        assertThat(ticket(id).get("status")).isEqualTo(before.get("status"));
        assertThat(ticket(id).get("version")).isEqualTo(before.get("version"));
    }

    @Test
    void automaticMailMakesNothingAndIsNeverAnswered() {
        long tickets = count("SELECT count(*) FROM ticket");
        for (String file : List.of(
                "12-out-of-office-sieve-vacation.eml",
                "13-out-of-office-exchange.eml",
                "16-mailing-list-mailman.eml")) {
            assertThat(process(REFUSE, corpus(file)).kind()).as(file).isEqualTo(MailOutcome.Kind.IGNORED_AUTOMATIC);
        }
        assertThat(count("SELECT count(*) FROM ticket")).isEqualTo(tickets);
        assertThat(autoRepliesTo("tomasz.grabowski@um.krakow.pl")).isEmpty();
        assertThat(autoRepliesTo("ewa.jozwiak@um.krakow.pl")).isEmpty();
        assertThat(autoRepliesTo("informatyka@um.krakow.pl")).isEmpty();
    }

    @Test
    void postfixAndExchangeBouncesMarkTheRealNotificationBounced() {
        person("jan.nowak", "Jan Nowak", "jan.nowak@um.krakow.pl");
        person("krzysztof.mazur", "Krzysztof Mazur", "krzysztof.mazur@um.krakow.pl");
        long first = fileTicket(TestUsers.requester("jan.nowak", "KP-01"), "Telefon");
        long second = fileTicket(TestUsers.requester("krzysztof.mazur", "KP-01"), "Monitor");
        String toJan = notificationTo("jan.nowak@um.krakow.pl", first);
        String toKrzysztof = notificationTo("krzysztof.mazur@um.krakow.pl", second);
        long tickets = count("SELECT count(*) FROM ticket");

        MailOutcome postfix = process(
                CREATE,
                replace(
                        corpus("14-postfix-bounce.eml"),
                        "ticket-150-ticket-event-1200-0a1b2c3d4e5f@coi.krakow.pl",
                        toJan));
        MailOutcome exchange = process(
                CREATE,
                replace(
                        corpus("15-exchange-bounce.eml"),
                        "ticket-151-ticket-event-1210-7e8f9a0b1c2d@coi.krakow.pl",
                        toKrzysztof));

        assertThat(postfix.kind()).isEqualTo(MailOutcome.Kind.BOUNCE_RECORDED);
        assertThat(exchange.kind()).isEqualTo(MailOutcome.Kind.BOUNCE_RECORDED);
        assertThat(postfix.reason()).isEqualTo("marked 1");
        assertThat(exchange.reason()).isEqualTo("marked 1");
        for (String messageId : List.of(toJan, toKrzysztof)) {
            assertThat(jdbc.sql("SELECT state FROM notification_delivery WHERE message_id = :id")
                            .param("id", messageId)
                            .query(String.class)
                            .single())
                    .isEqualTo("BOUNCED");
        }
        assertThat(count("SELECT count(*) FROM ticket"))
                .as("no ticket, no comment")
                .isEqualTo(tickets);
        assertThat(count("SELECT count(*) FROM ticket_comment WHERE ticket_id IN (?, ?)", first, second))
                .isZero();
    }

    @Test
    void theDesksOwnNotificationFedBackIsIgnored() throws Exception {
        person("beata.maj", "Beata Maj", "beata.maj@um.krakow.pl");
        long id = fileTicket(TestUsers.requester("beata.maj", "KP-01"), "Klawiatura");
        notificationTo("beata.maj@um.krakow.pl", id);
        MimeMessage notification = received("beata.maj@um.krakow.pl", id)[0];
        ByteArrayOutputStream raw = new ByteArrayOutputStream();
        notification.writeTo(raw);
        long comments = count("SELECT count(*) FROM ticket_comment WHERE ticket_id = ?", id);

        assertThat(process(CREATE, raw.toByteArray()).kind()).isEqualTo(MailOutcome.Kind.IGNORED_OWN);
        assertThat(process(CREATE, corpus("20-own-notification-read-back.eml")).kind())
                .isEqualTo(MailOutcome.Kind.IGNORED_OWN);
        assertThat(count("SELECT count(*) FROM ticket_comment WHERE ticket_id = ?", id))
                .isEqualTo(comments);
    }

    @Test
    void anUnknownSenderIsRefusedWithOneAutoReplyOrFilesAsAnExternalRequester() throws Exception {
        byte[] raw = corpus("06-android-gmail-reply.eml");
        MailOutcome held = process(REFUSE, raw);
        assertThat(held.kind()).isEqualTo(MailOutcome.Kind.HELD_UNKNOWN_SENDER);
        assertThat(held.ticketId()).isNull();
        await().atMost(Duration.ofSeconds(10))
                .until(() -> autoRepliesTo("anna.kowalczyk.krakow@gmail.com").length == 1);
        MimeMessage reply = autoRepliesTo("anna.kowalczyk.krakow@gmail.com")[0];
        assertThat(reply.getHeader("Auto-Submitted", null)).isEqualTo("auto-replied");
        assertThat(reply.getHeader("X-Auto-Response-Suppress", null)).isEqualTo("All");
        assertThat(reply.getHeader("Precedence", null)).isEqualTo("bulk");
        assertThat(reply.getHeader("In-Reply-To", null)).startsWith("<").endsWith(">");
        assertThat(reply.getHeader("References", null)).isEqualTo(reply.getHeader("In-Reply-To", null));
        assertThat(((InternetAddress) reply.getFrom()[0]).getAddress()).isEqualTo(DESK);
        String text = (String) reply.getContent();
        assertThat(text).contains("służbowego adresu").contains("City Hall address");
        assertThat(text.indexOf("Dzień dobry")).isLessThan(text.indexOf("Hello"));

        // The auto-reply itself, bounced back into the mailbox by a misconfigured forward: the desk's own.
        ByteArrayOutputStream back = new ByteArrayOutputStream();
        reply.writeTo(back);
        assertThat(process(CREATE, back.toByteArray()).kind()).isEqualTo(MailOutcome.Kind.IGNORED_OWN);

        // The same sender again within the hour: held, but not answered twice.
        process(REFUSE, replace(raw, "Message-ID: <", "Message-ID: <again-"));
        Thread.sleep(1_000);
        assertThat(autoRepliesTo("anna.kowalczyk.krakow@gmail.com")).hasSize(1);

        MailOutcome created = process(CREATE, corpus("07-gmail-forward.eml"));
        assertThat(created.kind()).isEqualTo(MailOutcome.Kind.TICKET_CREATED);
        assertThat(ticket(created.ticketId()).get("requester_username")).isEqualTo("mail:piotr.nowak.um@gmail.com");
    }

    @Test
    void theRateLimitHoldsTheSendersSixthMailUnanswered() {
        person("robert.kos", "Robert Kos", "robert.kos@um.krakow.pl");
        for (int i = 1; i <= 5; i++) {
            assertThat(process(CREATE, mail("robert.kos@um.krakow.pl", "Awaria " + i, "Opis " + i, null))
                            .kind())
                    .isEqualTo(MailOutcome.Kind.TICKET_CREATED);
        }
        MailOutcome sixth = process(CREATE, mail("robert.kos@um.krakow.pl", "Awaria 6", "Opis 6", null));
        assertThat(sixth.kind()).isEqualTo(MailOutcome.Kind.RATE_LIMITED);
        assertThat(count("SELECT count(*) FROM ticket WHERE requester_username = 'robert.kos'"))
                .isEqualTo(5);
        assertThat(autoRepliesTo("robert.kos@um.krakow.pl")).isEmpty();
    }

    @Test
    void aRefusedAttachmentLeavesNoTicketAndTheSenderIsTold() throws Exception {
        person("adam.bak", "Adam Bąk", "adam.bak@um.krakow.pl");
        MimeBodyPart fine = new MimeBodyPart();
        fine.setContent("dziennik", "text/plain; charset=UTF-8");
        fine.setFileName("dziennik.txt");
        MimeBodyPart program = new MimeBodyPart();
        program.setDataHandler(new jakarta.activation.DataHandler(new jakarta.mail.util.ByteArrayDataSource(
                new byte[] {'M', 'Z', 0, 0, 1, 2}, "application/octet-stream")));
        program.setFileName("instalator.exe");
        long tickets = count("SELECT count(*) FROM ticket");
        long files = count("SELECT count(*) FROM attachment");

        MailOutcome outcome = process(
                CREATE,
                mail("adam.bak@um.krakow.pl", "Program do zainstalowania", "W załączniku.", null, fine, program));

        assertThat(outcome.kind()).isEqualTo(MailOutcome.Kind.QUARANTINED);
        assertThat(outcome.reason()).startsWith("ATTACHMENT_REFUSED: ");
        assertThat(outcome.ticketId()).isNull();
        assertThat(count("SELECT count(*) FROM ticket"))
                .as("no ticket left behind")
                .isEqualTo(tickets);
        assertThat(count("SELECT count(*) FROM attachment")).isEqualTo(files);
        assertThat(jdbc.sql("SELECT outcome FROM mail_message WHERE sender = 'adam.bak@um.krakow.pl'")
                        .query(String.class)
                        .single())
                .as("the reader's record commits")
                .isEqualTo("QUARANTINED");
        await().atMost(Duration.ofSeconds(10)).until(() -> autoRepliesTo("adam.bak@um.krakow.pl").length == 1);
        assertThat((String) autoRepliesTo("adam.bak@um.krakow.pl")[0].getContent())
                .contains("załączników")
                .contains("an administrator will look at it");
    }

    @Test
    void aTooLargeMailIsQuarantinedAndItsSenderToldOnce() throws Exception {
        MailOutcome outcome = transaction.execute(
                status -> processor.tooLarge(CREATE, "Skaner.Kancelaria@um.krakow.pl", "Skany 2026", 31_457_280));
        assertThat(outcome.kind()).isEqualTo(MailOutcome.Kind.QUARANTINED);
        assertThat(outcome.reason()).isEqualTo("TOO_LARGE: 31457280 bytes");
        await().atMost(Duration.ofSeconds(10)).until(() -> autoRepliesTo("skaner.kancelaria@um.krakow.pl").length == 1);
        MimeMessage reply = autoRepliesTo("skaner.kancelaria@um.krakow.pl")[0];
        assertThat(reply.getSubject()).contains("Skany 2026").contains("za duża");
        assertThat((String) reply.getContent())
                .contains("jest większa")
                .contains("larger than the Service Desk can accept");
        assertThat(reply.getHeader("In-Reply-To"))
                .as("the mail was not downloaded: no id to answer")
                .isNull();
    }

    @Test
    void aBrokenMimeTreeIsQuarantined() {
        MailOutcome outcome = process(CREATE, corpus("17-broken-multipart-no-boundary.eml"));
        assertThat(outcome.kind()).isEqualTo(MailOutcome.Kind.QUARANTINED);
        assertThat(outcome.reason()).isEqualTo("MALFORMED_MIME");
    }
}
