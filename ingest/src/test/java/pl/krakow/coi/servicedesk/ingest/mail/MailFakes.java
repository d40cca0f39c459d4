package pl.krakow.coi.servicedesk.ingest.mail;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.AbstractPlatformTransactionManager;
import org.springframework.transaction.support.DefaultTransactionStatus;
import pl.krakow.coi.servicedesk.attachment.AttachmentIntake;
import pl.krakow.coi.servicedesk.notification.NotificationThreads;
import pl.krakow.coi.servicedesk.ticket.TicketIntake;
import pl.krakow.coi.servicedesk.ticket.TicketLink;
import pl.krakow.coi.servicedesk.ticket.domain.Actor;
import pl.krakow.coi.servicedesk.ticket.domain.Channel;
import pl.krakow.coi.servicedesk.ticket.domain.Impact;
import pl.krakow.coi.servicedesk.ticket.domain.Priority;
import pl.krakow.coi.servicedesk.ticket.domain.Requester;
import pl.krakow.coi.servicedesk.ticket.domain.SupportLine;
import pl.krakow.coi.servicedesk.ticket.domain.Ticket;
import pl.krakow.coi.servicedesk.ticket.domain.TicketNumber;
import pl.krakow.coi.servicedesk.ticket.domain.TicketState;
import pl.krakow.coi.servicedesk.ticket.domain.TicketStatus;
import pl.krakow.coi.servicedesk.ticket.domain.TicketType;
import pl.krakow.coi.servicedesk.ticket.domain.UnitCode;
import pl.krakow.coi.servicedesk.ticket.domain.Urgency;

/** In-memory stand-ins for what the processor uses, and a processor wired to them. */
final class MailFakes {

    static final MailboxSettings EXTERNAL = new MailboxSettings(
            "desk", "servicedesk@um.krakow.pl", MailboxSettings.UnknownSenderPolicy.CREATE_EXTERNAL, 1_000_000);
    static final MailboxSettings REFUSING = new MailboxSettings(
            "desk", "servicedesk@um.krakow.pl", MailboxSettings.UnknownSenderPolicy.REFUSE, 1_000_000);
    static final String NOTIFICATIONS_FROM = "Service Desk <powiadomienia@um.krakow.pl>";

    final Map<String, InboundMail> mails = new HashMap<>();
    final Tickets tickets = new Tickets();
    final Attachments attachments = new Attachments();
    final Threads threads = new Threads();
    final Senders senders = new Senders();
    final Ledger ledger = new Ledger();
    final Replies replies = new Replies();
    final Transactions transactions = new Transactions();
    final MutableClock clock = new MutableClock(Instant.parse("2026-12-07T10:00:00Z"));
    final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    MailFlowProperties properties = new MailFlowProperties(null, null, List.of("helpdesk@um.krakow.pl"));

    TicketMailProcessor processor() {
        return new TicketMailProcessor(
                raw -> {
                    String key = new String(raw, java.nio.charset.StandardCharsets.UTF_8);
                    if (key.equals("broken")) {
                        throw new MailRejected(MailRejected.Reason.MALFORMED_MIME, "broken tree");
                    }
                    return mails.get(key);
                },
                tickets,
                attachments,
                threads,
                senders,
                ledger,
                replies,
                properties,
                NOTIFICATIONS_FROM,
                () -> List.of("zgloszenia@um.krakow.pl"),
                transactions,
                clock,
                registry);
    }

    /** Processes {@code mail} as the reader would: records the outcome in the ledger afterwards. */
    MailOutcome process(TicketMailProcessor processor, MailboxSettings mailbox, InboundMail mail) {
        String key = "mail-" + mails.size();
        mails.put(key, mail);
        MailOutcome outcome = processor.process(mailbox, key.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        ledger.record(outcome, clock.instant());
        return outcome;
    }

    static InboundMail mail(String from, String subject, String body) {
        return new InboundMail(
                "m-" + System.nanoTime() + "@client",
                List.of(),
                List.of(),
                from == null ? null : new InboundMail.Address(from, null),
                false,
                List.of(new InboundMail.Address("servicedesk@um.krakow.pl", null)),
                List.of(),
                subject,
                null,
                body,
                body,
                List.of(),
                null,
                null,
                false);
    }

    static InboundMail replyTo(InboundMail mail, String... ids) {
        return new InboundMail(
                mail.messageId(),
                List.of(ids),
                List.of(),
                mail.from(),
                mail.nullReturnPath(),
                mail.to(),
                mail.cc(),
                mail.subject(),
                mail.sentAt(),
                mail.text(),
                mail.trimmed(),
                mail.attachments(),
                mail.automatic(),
                mail.bounce(),
                mail.ownNotification());
    }

    static InboundMail automatic(InboundMail mail, String why) {
        return new InboundMail(
                mail.messageId(),
                mail.inReplyTo(),
                mail.references(),
                mail.from(),
                mail.nullReturnPath(),
                mail.to(),
                mail.cc(),
                mail.subject(),
                mail.sentAt(),
                mail.text(),
                mail.trimmed(),
                mail.attachments(),
                why,
                mail.bounce(),
                mail.ownNotification());
    }

    static InboundMail withAttachments(InboundMail mail, InboundMail.Part... parts) {
        return new InboundMail(
                mail.messageId(),
                mail.inReplyTo(),
                mail.references(),
                mail.from(),
                mail.nullReturnPath(),
                mail.to(),
                mail.cc(),
                mail.subject(),
                mail.sentAt(),
                mail.text(),
                mail.trimmed(),
                List.of(parts),
                mail.automatic(),
                mail.bounce(),
                mail.ownNotification());
    }

    static InboundMail body(InboundMail mail, String text, String trimmed) {
        return new InboundMail(
                mail.messageId(),
                mail.inReplyTo(),
                mail.references(),
                mail.from(),
                mail.nullReturnPath(),
                mail.to(),
                mail.cc(),
                mail.subject(),
                mail.sentAt(),
                text,
                trimmed,
                mail.attachments(),
                mail.automatic(),
                mail.bounce(),
                mail.ownNotification());
    }

    static InboundMail bounce(InboundMail mail, InboundMail.Bounce bounce, boolean own) {
        return new InboundMail(
                mail.messageId(),
                mail.inReplyTo(),
                mail.references(),
                mail.from(),
                true,
                mail.to(),
                mail.cc(),
                mail.subject(),
                mail.sentAt(),
                mail.text(),
                mail.trimmed(),
                mail.attachments(),
                "Auto-Submitted: auto-replied",
                bounce,
                own);
    }

    /** A register person: username, name, address, unit. */
    void person(String username, String name, String email, String unit) {
        senders.people.put(email, new MailSenders.Known(username, name, unit));
    }

    static TicketState state(
            long id, String number, TicketStatus status, Requester requester, Instant resolvedAt, String title) {
        return new TicketState(
                id,
                new TicketNumber(number),
                TicketType.INCIDENT,
                title,
                "description",
                requester,
                Channel.EMAIL,
                null,
                null,
                Impact.MEDIUM,
                Urgency.MEDIUM,
                Priority.P3,
                status,
                SupportLine.FIRST,
                UnitCode.FIRST_LINE,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                Instant.parse("2026-12-01T10:00:00Z"),
                Instant.parse("2026-12-01T10:00:00Z"),
                null,
                resolvedAt,
                status == TicketStatus.CLOSED ? resolvedAt : null,
                0,
                0,
                0,
                Set.of(UnitCode.FIRST_LINE),
                null,
                0);
    }

    record Call(String what, long ticketId, String text, Actor actor) {}

    static final class Tickets implements TicketIntake {
        final Map<Long, TicketState> byId = new HashMap<>();
        final List<Call> calls = new ArrayList<>();
        final List<TicketLink> links = new ArrayList<>();
        final List<Ticket.NewTicket> registered = new ArrayList<>();
        long next = 1000;

        TicketState add(TicketState state) {
            byId.put(state.id(), state);
            return state;
        }

        @Override
        public TicketState register(Ticket.NewTicket request, Actor actor) {
            long id = next++;
            registered.add(request);
            calls.add(new Call("register", id, request.description(), actor));
            return add(state(
                    id,
                    "INC-2026-" + String.format("%06d", id),
                    TicketStatus.NEW,
                    request.requester(),
                    null,
                    request.title()));
        }

        @Override
        public TicketState reply(long ticketId, String body, Actor author) {
            calls.add(new Call("reply", ticketId, body, author));
            return byId.get(ticketId);
        }

        @Override
        public TicketState reopen(long ticketId, String reason, Actor author) {
            calls.add(new Call("reopen", ticketId, reason, author));
            return byId.get(ticketId);
        }

        @Override
        public TicketLink link(long ticketId, long linkedTicketId, TicketLink.Kind kind, Actor actor) {
            TicketLink link = new TicketLink(
                    ticketId, linkedTicketId, byId.get(linkedTicketId).number().value(), kind, null);
            links.add(link);
            return link;
        }

        @Override
        public Optional<TicketState> find(long ticketId) {
            return Optional.ofNullable(byId.get(ticketId));
        }

        @Override
        public Optional<TicketState> findByNumber(String number) {
            return byId.values().stream()
                    .filter(t -> t.number().value().equalsIgnoreCase(number))
                    .findFirst();
        }

        List<Call> on(long ticketId, String what) {
            return calls.stream()
                    .filter(c -> c.ticketId() == ticketId && c.what().equals(what))
                    .toList();
        }
    }

    static final class Attachments implements AttachmentIntake {
        final List<String> added = new ArrayList<>();

        @Override
        public long add(long ticketId, String filename, String declaredType, InputStream content, Actor uploader) {
            if (filename.endsWith(".exe")) {
                throw new AttachmentRefused("file-type-refused", "No programs");
            }
            try {
                added.add(ticketId + ":" + filename + ":" + content.readAllBytes().length + ":" + uploader.username());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return added.size();
        }
    }

    static final class Threads implements NotificationThreads {
        final Map<String, Long> sent = new HashMap<>();
        final Set<String> notified = new HashSet<>();
        final List<String> bounced = new ArrayList<>();

        @Override
        public Optional<Long> ticketOf(Collection<String> messageIds) {
            return messageIds.stream().filter(sent::containsKey).map(sent::get).findFirst();
        }

        @Override
        public boolean isOwn(String messageId) {
            return sent.containsKey(messageId) || messageId.startsWith("auto-reply.");
        }

        @Override
        public boolean notified(long ticketId, String email) {
            return notified.contains(ticketId + ":" + email);
        }

        @Override
        public int markBounced(Collection<String> messageIds, String recipient, String reason) {
            int n = 0;
            for (String id : messageIds) {
                if (sent.containsKey(id)) {
                    bounced.add(id + ":" + recipient + ":" + reason);
                    n++;
                }
            }
            return n;
        }

        @Override
        public String newMessageId(String purpose) {
            return purpose + "." + System.nanoTime() + "@um.krakow.pl";
        }
    }

    static final class Senders implements MailSenders {
        final Map<String, Known> people = new HashMap<>();

        @Override
        public Optional<Known> byEmail(String email) {
            return Optional.ofNullable(people.get(email.toLowerCase(Locale.ROOT)));
        }

        @Override
        public Optional<String> emailOf(String username) {
            return people.entrySet().stream()
                    .filter(e -> e.getValue().username().equals(username))
                    .map(Map.Entry::getKey)
                    .findFirst();
        }
    }

    static final class Ledger implements MailLedger {
        record Row(String sender, MailOutcome.Kind outcome, Long ticketId, Instant at) {}

        final List<Row> rows = new ArrayList<>();
        final List<String> serialised = new ArrayList<>();
        final Map<String, Instant> autoReplies = new HashMap<>();

        void record(MailOutcome outcome, Instant at) {
            rows.add(new Row(outcome.sender(), outcome.kind(), outcome.ticketId(), at));
        }

        private static boolean ticketOutcome(MailOutcome.Kind kind) {
            return kind == MailOutcome.Kind.TICKET_CREATED
                    || kind == MailOutcome.Kind.COMMENTED
                    || kind == MailOutcome.Kind.REOPENED;
        }

        @Override
        public void serialise(String sender) {
            serialised.add(sender);
        }

        @Override
        public long ticketMailsSince(String sender, Instant since) {
            return rows.stream()
                    .filter(r -> sender.equalsIgnoreCase(r.sender()) && ticketOutcome(r.outcome()))
                    .filter(r -> r.at().isAfter(since))
                    .count();
        }

        @Override
        public boolean acceptedBefore(String sender, long ticketId) {
            return rows.stream()
                    .anyMatch(r -> sender.equalsIgnoreCase(r.sender())
                            && r.ticketId() != null
                            && r.ticketId() == ticketId
                            && ticketOutcome(r.outcome()));
        }

        @Override
        public boolean claimAutoReply(String sender, String reason, Instant now, Duration per) {
            String key = sender + ":" + reason;
            Instant last = autoReplies.get(key);
            if (last != null && last.isAfter(now.minus(per))) {
                return false;
            }
            autoReplies.put(key, now);
            return true;
        }
    }

    static final class Replies implements AutoReplies {
        record Sent(String to, Reason reason, String detail) {}

        final List<Sent> sent = new ArrayList<>();

        @Override
        public void send(
                MailboxSettings mailbox, String to, String inReplyTo, String subject, Reason reason, String detail) {
            sent.add(new Sent(to, reason, detail));
        }
    }

    /** Transactions that do nothing but count their rollbacks (the savepoint's). */
    static final class Transactions extends AbstractPlatformTransactionManager {
        int rollbacks;

        @Override
        protected Object doGetTransaction() {
            return new Object();
        }

        @Override
        protected void doBegin(Object transaction, TransactionDefinition definition) {}

        @Override
        protected void doCommit(DefaultTransactionStatus status) {}

        @Override
        protected void doRollback(DefaultTransactionStatus status) {
            rollbacks++;
        }
    }

    static final class MutableClock extends Clock {
        Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
