package pl.krakow.coi.servicedesk.ingest.mail;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import java.io.ByteArrayInputStream;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;
import pl.krakow.coi.servicedesk.attachment.AttachmentIntake;
import pl.krakow.coi.servicedesk.ingest.mail.MailOutcome.Kind;
import pl.krakow.coi.servicedesk.ingest.mail.MailboxSettings.UnknownSenderPolicy;
import pl.krakow.coi.servicedesk.notification.NotificationThreads;
import pl.krakow.coi.servicedesk.platform.ServiceDeskException;
import pl.krakow.coi.servicedesk.platform.events.AfterCommit;
import pl.krakow.coi.servicedesk.ticket.TicketIntake;
import pl.krakow.coi.servicedesk.ticket.TicketLink;
import pl.krakow.coi.servicedesk.ticket.domain.Actor;
import pl.krakow.coi.servicedesk.ticket.domain.Channel;
import pl.krakow.coi.servicedesk.ticket.domain.Comment;
import pl.krakow.coi.servicedesk.ticket.domain.Impact;
import pl.krakow.coi.servicedesk.ticket.domain.Requester;
import pl.krakow.coi.servicedesk.ticket.domain.Ticket;
import pl.krakow.coi.servicedesk.ticket.domain.TicketState;
import pl.krakow.coi.servicedesk.ticket.domain.TicketStatus;
import pl.krakow.coi.servicedesk.ticket.domain.TicketType;
import pl.krakow.coi.servicedesk.ticket.domain.UnitCode;
import pl.krakow.coi.servicedesk.ticket.domain.Urgency;

/**
 * What a mail becomes (ADR 0092), in the reader's transaction. The rules, in order: the desk's own mail is ignored;
 * a bounce marks the notification it answers; automatic mail is ignored; mail without a sender is quarantined; a
 * sender over the rate limit is held; a reply by a participant of the ticket it answers becomes a comment (or
 * reopens a recently resolved ticket, or opens a follow-up of a closed one); anything else becomes a new ticket,
 * linked to the ticket it names when the sender is a stranger to it.
 */
@Component
class TicketMailProcessor implements MailProcessor {

    private static final Logger log = LoggerFactory.getLogger(TicketMailProcessor.class);

    static final String NO_BODY = "(brak treści)";

    /** A reopening needs a reason of at least this many characters (the domain's rule). */
    private static final int REOPEN_REASON_MIN = 10;

    private static final String REOPEN_PREFIX = "Odpowiedź e-mailem: ";

    private final MailParser parser;
    private final TicketIntake tickets;
    private final AttachmentIntake attachments;
    private final NotificationThreads threads;
    private final MailSenders senders;
    private final MailLedger ledger;
    private final AutoReplies autoReplies;
    private final MailFlowProperties properties;
    private final Set<String> ownAddresses;
    private final Supplier<Collection<String>> mailboxAddresses;
    private final TransactionTemplate savepoint;
    private final Clock clock;
    private final Map<Kind, Counter> outcomes = new EnumMap<>(Kind.class);

    @Autowired
    TicketMailProcessor(
            MailParser parser,
            TicketIntake tickets,
            AttachmentIntake attachments,
            NotificationThreads threads,
            MailSenders senders,
            MailLedger ledger,
            AutoReplies autoReplies,
            MailFlowProperties properties,
            @Value("${servicedesk.notifications.from:}") String notificationsFrom,
            Mailboxes mailboxes,
            PlatformTransactionManager transactionManager,
            Clock clock,
            MeterRegistry registry) {
        this(
                parser,
                tickets,
                attachments,
                threads,
                senders,
                ledger,
                autoReplies,
                properties,
                notificationsFrom,
                () -> mailboxes.all().stream()
                        .map(m -> m.settings().address())
                        .filter(Objects::nonNull)
                        .toList(),
                transactionManager,
                clock,
                registry);
    }

    TicketMailProcessor(
            MailParser parser,
            TicketIntake tickets,
            AttachmentIntake attachments,
            NotificationThreads threads,
            MailSenders senders,
            MailLedger ledger,
            AutoReplies autoReplies,
            MailFlowProperties properties,
            String notificationsFrom,
            Supplier<Collection<String>> mailboxAddresses,
            PlatformTransactionManager transactionManager,
            Clock clock,
            MeterRegistry registry) {
        this.mailboxAddresses = mailboxAddresses;
        this.parser = parser;
        this.tickets = tickets;
        this.attachments = attachments;
        this.threads = threads;
        this.senders = senders;
        this.ledger = ledger;
        this.autoReplies = autoReplies;
        this.properties = properties;
        Set<String> own = new LinkedHashSet<>(properties.ownAddresses());
        addressOf(notificationsFrom).ifPresent(own::add);
        this.ownAddresses = Set.copyOf(own);
        // A savepoint in the reader's transaction: a refused attachment undoes the ticket's writes, while the
        // reader's record of the mail (quarantined, with the reason) still commits.
        this.savepoint = new TransactionTemplate(transactionManager);
        this.savepoint.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
        this.clock = clock;
        for (Kind kind : Kind.values()) {
            outcomes.put(
                    kind,
                    Counter.builder("servicedesk.mail.outcomes")
                            .description("Mails processed, by what they became")
                            .tag("outcome", kind.name())
                            .register(registry));
        }
    }

    @Override
    public MailOutcome process(MailboxSettings mailbox, byte[] raw) {
        InboundMail mail;
        try {
            mail = parser.parse(raw);
        } catch (MailRejected e) {
            // Whoever sent it cannot be told safely: what the parser could not read includes the sender.
            return counted(new MailOutcome(Kind.QUARANTINED, null, e.reason().name(), null, null));
        }
        return counted(decide(mailbox, mail));
    }

    @Override
    public MailOutcome tooLarge(MailboxSettings mailbox, String sender, String subject, long size) {
        String from = sender == null || sender.isBlank() ? null : sender.trim().toLowerCase(Locale.ROOT);
        if (from != null && !isOwnAddress(mailbox, from)) {
            autoReplies.send(
                    mailbox, from, null, subject, AutoReplies.Reason.TOO_LARGE, MailRejected.Reason.TOO_LARGE.name());
        }
        return counted(new MailOutcome(
                Kind.QUARANTINED, null, MailRejected.Reason.TOO_LARGE.name() + ": " + size + " bytes", from, subject));
    }

    private MailOutcome decide(MailboxSettings mailbox, InboundMail mail) {
        String sender = mail.from() == null ? null : mail.from().email();
        String subject = mail.subject();
        // (a) The desk's own mail, read back (zammad#731): before anything else, a bounce of it included.
        if (mail.ownNotification()
                || (mail.messageId() != null && threads.isOwn(mail.messageId()))
                || (sender != null && isOwnAddress(mailbox, sender))) {
            return new MailOutcome(Kind.IGNORED_OWN, null, "own", sender, subject);
        }
        // (b) A delivery status notification: marks what it answers; never a comment.
        if (mail.bounce() != null) {
            return bounce(mail, sender, subject);
        }
        // (c) Written by a program.
        if (mail.automatic() != null || mail.nullReturnPath()) {
            String why = mail.automatic() != null ? mail.automatic() : "Return-Path: <>";
            return new MailOutcome(Kind.IGNORED_AUTOMATIC, null, why, sender, subject);
        }
        // (d) Nobody to answer or to file it for.
        if (sender == null) {
            return new MailOutcome(Kind.QUARANTINED, null, MailRejected.Reason.NO_SENDER.name(), null, subject);
        }
        // (e) One sender's mails one at a time, so that the count below and this mail's record cannot interleave.
        ledger.serialise(sender);
        Instant now = clock.instant();
        MailFlowProperties.RateLimit limit = properties.rateLimit();
        if (ledger.ticketMailsSince(sender, now.minus(limit.window())) >= limit.perSender()) {
            // No auto-reply: a sender this busy is most likely a loop, which an answer would feed.
            return new MailOutcome(Kind.RATE_LIMITED, null, "RATE_LIMITED", sender, subject);
        }
        // (f) The ticket it answers, by the headers first, by the number in the subject then.
        Optional<TicketState> answered = answered(mail);
        if (answered.isEmpty()) {
            return newTicket(mailbox, mail, sender, null, null);
        }
        TicketState ticket = answered.get();
        // (g) Only a participant joins a ticket; a stranger gets a ticket of their own (zammad#5064).
        if (!participant(ticket, sender)) {
            return newTicket(mailbox, mail, sender, ticket, TicketLink.Kind.MENTIONS);
        }
        if (ticket.status().isOpen()) {
            return inSavepoint(mailbox, mail, () -> {
                Actor author = participantActor(ticket, mail.from());
                tickets.reply(ticket.id(), Bodies.comment(mail), author);
                attach(ticket.id(), mail, author);
                return new MailOutcome(Kind.COMMENTED, ticket.id(), null, sender, subject);
            });
        }
        if (ticket.status() == TicketStatus.RESOLVED && withinReopenWindow(ticket, now)) {
            return inSavepoint(mailbox, mail, () -> {
                Actor author = participantActor(ticket, mail.from());
                tickets.reopen(ticket.id(), reopenReason(Bodies.comment(mail)), author);
                attach(ticket.id(), mail, author);
                return new MailOutcome(Kind.REOPENED, ticket.id(), null, sender, subject);
            });
        }
        return newTicket(mailbox, mail, sender, ticket, TicketLink.Kind.FOLLOW_UP);
    }

    private MailOutcome bounce(InboundMail mail, String sender, String subject) {
        InboundMail.Bounce bounce = mail.bounce();
        String reason = String.join(
                        " ",
                        bounce.status() == null ? "" : bounce.status(),
                        bounce.diagnostic() == null ? "" : bounce.diagnostic())
                .strip();
        reason = reason.isEmpty() ? "bounced" : reason;
        int marked = 0;
        if (!bounce.originalMessageIds().isEmpty()) {
            if (bounce.recipients().isEmpty()) {
                marked = threads.markBounced(bounce.originalMessageIds(), null, reason);
            } else {
                for (String recipient : bounce.recipients()) {
                    marked += threads.markBounced(bounce.originalMessageIds(), recipient, reason);
                }
            }
        }
        return new MailOutcome(Kind.BOUNCE_RECORDED, null, "marked " + marked, sender, subject);
    }

    /**
     * Whether a reply to a ticket resolved at {@code resolvedAt} reopens it: up to and including the window's last
     * instant.
     */
    boolean withinReopenWindow(TicketState ticket, Instant now) {
        return ticket.resolvedAt() != null && !now.isAfter(ticket.resolvedAt().plus(properties.reopenWindow()));
    }

    private Optional<TicketState> answered(InboundMail mail) {
        List<String> ids = new ArrayList<>(mail.inReplyTo());
        // The newest reference first: the message the client answered is the last one it lists.
        List<String> references = new ArrayList<>(mail.references());
        java.util.Collections.reverse(references);
        ids.addAll(references);
        if (!ids.isEmpty()) {
            Optional<TicketState> byHeaders = threads.ticketOf(ids).flatMap(tickets::find);
            if (byHeaders.isPresent()) {
                return byHeaders;
            }
        }
        return MailSubjects.number(mail.subject()).flatMap(tickets::findByNumber);
    }

    /**
     * The requester; someone the ticket's notifications went to; or someone whose earlier mail made or joined it.
     */
    boolean participant(TicketState ticket, String sender) {
        Requester requester = ticket.requester();
        Optional<String> requesterEmail =
                requester.knownOnlyByEmail() ? requester.externalEmail() : senders.emailOf(requester.username());
        if (requesterEmail.filter(sender::equalsIgnoreCase).isPresent()) {
            return true;
        }
        return threads.notified(ticket.id(), sender) || ledger.acceptedBefore(sender, ticket.id());
    }

    /**
     * A participant as the author of their reply: always a requester-kind actor (an address proves no agent's
     * session); the ticket's requester by the requester's own username, so that the domain sees the requester's
     * answer.
     */
    private Actor participantActor(TicketState ticket, InboundMail.Address from) {
        Requester requester = ticket.requester();
        if (requester.externalEmail().filter(from.email()::equalsIgnoreCase).isPresent()) {
            return actor(requester);
        }
        Optional<MailSenders.Known> person = senders.byEmail(from.email());
        if (person.isPresent()) {
            return actor(requester(person.get()));
        }
        return actor(Requester.external(from.email(), from.name()));
    }

    private MailOutcome newTicket(
            MailboxSettings mailbox, InboundMail mail, String sender, TicketState related, TicketLink.Kind link) {
        Optional<Requester> requester = senders.byEmail(sender).map(TicketMailProcessor::requester);
        if (requester.isEmpty()) {
            if (mailbox.unknownSenders() == UnknownSenderPolicy.REFUSE) {
                autoReplies.send(
                        mailbox,
                        sender,
                        mail.messageId(),
                        mail.subject(),
                        AutoReplies.Reason.UNKNOWN_SENDER,
                        "UNKNOWN_SENDER");
                return new MailOutcome(Kind.HELD_UNKNOWN_SENDER, null, "UNKNOWN_SENDER", sender, mail.subject());
            }
            requester = Optional.of(Requester.external(sender, mail.from().name()));
        }
        Requester who = requester.get();
        return inSavepoint(mailbox, mail, () -> {
            Actor actor = actor(who);
            TicketState created = tickets.register(
                    new Ticket.NewTicket(
                            TicketType.INCIDENT,
                            MailSubjects.title(mail.subject()),
                            Bodies.description(mail),
                            who,
                            Channel.EMAIL,
                            null,
                            null,
                            Impact.MEDIUM,
                            Urgency.MEDIUM,
                            null),
                    actor);
            attach(created.id(), mail, actor);
            String reason = null;
            if (related != null) {
                tickets.link(created.id(), related.id(), link, actor);
                reason = link.name() + " " + related.number();
            }
            return new MailOutcome(Kind.TICKET_CREATED, created.id(), reason, sender, mail.subject());
        });
    }

    private void attach(long ticketId, InboundMail mail, Actor uploader) {
        for (InboundMail.Part part : mail.attachments()) {
            attachments.add(
                    ticketId, part.filename(), part.contentType(), new ByteArrayInputStream(part.content()), uploader);
        }
    }

    /**
     * Runs a mail's ticket writes in a savepoint: a refused attachment or a rule the domain refuses undoes all of
     * them, and the mail is quarantined with the reason (its sender told once).
     */
    private MailOutcome inSavepoint(MailboxSettings mailbox, InboundMail mail, Supplier<MailOutcome> writes) {
        try {
            return savepoint.execute(status -> writes.get());
        } catch (AttachmentIntake.AttachmentRefused e) {
            return quarantined(mailbox, mail, MailRejected.Reason.ATTACHMENT_REFUSED.name() + ": " + e.code());
        } catch (ServiceDeskException e) {
            log.info("A mail's ticket writes were refused ({}): {}", e.type(), e.getMessage());
            return quarantined(mailbox, mail, "TICKET_REFUSED: " + e.type());
        }
    }

    private MailOutcome quarantined(MailboxSettings mailbox, InboundMail mail, String reason) {
        String sender = mail.from().email();
        autoReplies.send(mailbox, sender, mail.messageId(), mail.subject(), AutoReplies.Reason.QUARANTINED, reason);
        return new MailOutcome(Kind.QUARANTINED, null, reason, sender, mail.subject());
    }

    private static String reopenReason(String body) {
        String reason = body.strip().length() < REOPEN_REASON_MIN ? REOPEN_PREFIX + body.strip() : body;
        return MailSubjects.cut(reason, Comment.MAX_LENGTH);
    }

    private static Requester requester(MailSenders.Known person) {
        return new Requester(
                person.username(),
                person.displayName(),
                UnitCode.isValid(person.unit()) ? Optional.of(new UnitCode(person.unit())) : Optional.empty());
    }

    private static Actor actor(Requester requester) {
        return new Actor(requester.username(), requester.displayName(), requester.customerUnit(), Actor.Kind.REQUESTER);
    }

    private boolean isOwnAddress(MailboxSettings mailbox, String address) {
        String normal = address.toLowerCase(Locale.ROOT);
        return normal.equals(mailbox.address())
                || ownAddresses.contains(normal)
                || mailboxAddresses.get().contains(normal);
    }

    private MailOutcome counted(MailOutcome outcome) {
        Counter counter = outcomes.get(outcome.kind());
        AfterCommit.run(counter::increment);
        return outcome;
    }

    private static Optional<String> addressOf(String from) {
        if (from == null || from.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(new InternetAddress(from).getAddress().toLowerCase(Locale.ROOT));
        } catch (AddressException e) {
            return Optional.empty();
        }
    }

    /** The texts a mail's body makes. */
    static final class Bodies {

        private Bodies() {}

        /** The description of a new ticket: the trimmed body, the whole when trimming left nothing. */
        static String description(InboundMail mail) {
            return MailSubjects.cut(text(mail), Comment.MAX_LENGTH);
        }

        /** A reply's comment, the same way. */
        static String comment(InboundMail mail) {
            return MailSubjects.cut(text(mail), Comment.MAX_LENGTH);
        }

        private static String text(InboundMail mail) {
            if (!mail.trimmed().isBlank()) {
                return mail.trimmed().strip();
            }
            if (!mail.text().isBlank()) {
                return mail.text().strip();
            }
            return NO_BODY;
        }
    }
}
