package pl.krakow.coi.servicedesk.ingest.mail;

import jakarta.mail.Address;
import jakarta.mail.FetchProfile;
import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.UIDFolder;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Enumeration;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.eclipse.angus.mail.imap.IMAPFolder;
import org.eclipse.angus.mail.imap.IMAPStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.support.TransactionTemplate;
import pl.krakow.coi.servicedesk.platform.DatabaseUnavailable;

/**
 * Reads one mailbox while this replica holds its lease (ADR 0089): connects, opens the folder read-write, processes
 * every message in it, then waits in IMAP IDLE (ended every {@code idle-restart} to look again) or sleeps the poll
 * interval, and reconnects with a doubling back-off after any failure.
 *
 * <p>Each message: one over the size limit is handed to {@link MailProcessor#tooLarge} without being downloaded;
 * any other is downloaded byte for byte and handed to {@link MailProcessor#process}. Either happens in one
 * transaction that first claims the mail's dedupe key in {@code mail_message} (a key claimed before means: done,
 * only move it) and records the outcome. Only after that commit is the message moved to the processed or the
 * quarantine folder, so a failure in between leaves it in place to be moved, not processed, on the next pass.
 */
final class MailboxReader implements Runnable {

    private static final Logger log = LoggerFactory.getLogger(MailboxReader.class);

    /** What happens to a message after its transaction. */
    enum Target {
        PROCESSED,
        QUARANTINE,
        LEAVE
    }

    /** What a reader needs of its replica. */
    record Context(
            MailboxProperties.Reader reader,
            String holder,
            MailMessages messages,
            MailboxStatuses statuses,
            MailMetrics metrics,
            TransactionTemplate transaction,
            SecretReferences secrets,
            OAuthTokens tokens,
            Clock clock,
            ScheduledExecutorService timer,
            Map<String, Integer> failures) {}

    private final MailboxDefinition definition;
    private final MailboxProperties.Mailbox mailbox;
    private final MailboxSettings settings;
    private final MailProcessor processor;
    private final Context context;
    private volatile boolean stopped;
    private volatile Thread thread;
    private volatile IMAPFolder open;

    MailboxReader(MailboxDefinition definition, MailProcessor processor, Context context) {
        this.definition = definition;
        this.mailbox = definition.mailbox();
        this.settings = definition.settings();
        this.processor = processor;
        this.context = context;
    }

    /** The largest mail downloaded with its batch rather than alone. */
    static final int PREFETCH_MESSAGE_BYTES = 512 * 1024;

    /** The most a batch downloads at once. */
    static final long PREFETCH_BATCH_BYTES = 8L * 1024 * 1024;

    MailboxDefinition definition() {
        return definition;
    }

    /** Asks the reader to stop: it ends an IDLE and returns after the message at hand. */
    void stop() {
        stopped = true;
        Thread running = thread;
        if (running != null) {
            running.interrupt();
        }
        IMAPFolder folder = open;
        if (folder != null) {
            // Any command ends an IDLE; from another thread, so the caller does not wait for the server.
            Thread abort = new Thread(() -> noop(folder), "mailbox-stop-" + definition.name());
            abort.setDaemon(true);
            abort.start();
        }
    }

    @Override
    public void run() {
        thread = Thread.currentThread();
        Duration backoff = context.reader().initialBackoff();
        while (!stopped) {
            Secrets secrets = new Secrets();
            Store store = null;
            try {
                store = connect(secrets);
                backoff = context.reader().initialBackoff();
                read((IMAPStore) store, secrets);
            } catch (Exception e) {
                if (stopped) {
                    break;
                }
                String error = secrets.redact(describe(e));
                log.warn("Mailbox {}: {}; connecting again in {} ms", definition.name(), error, backoff.toMillis());
                context.metrics().readError(definition.name());
                try {
                    context.statuses().failed(definition.name(), context.holder(), error);
                } catch (RuntimeException statusFailed) {
                    log.debug("Mailbox {}: status not recorded: {}", definition.name(), statusFailed.toString());
                }
                if (e instanceof javax.security.sasl.SaslException
                        || e instanceof jakarta.mail.AuthenticationFailedException) {
                    forgetToken();
                }
                sleep(backoff);
                backoff = backoff.multipliedBy(2);
                if (backoff.compareTo(context.reader().maxBackoff()) > 0) {
                    backoff = context.reader().maxBackoff();
                }
            } finally {
                open = null;
                close(store);
            }
        }
        thread = null;
    }

    // Connection

    private Store connect(Secrets secrets) throws Exception {
        String protocol = definition.protocol();
        String prefix = "mail." + protocol + ".";
        MailboxProperties.Reader reader = context.reader();
        Properties properties = new Properties();
        properties.put(prefix + "host", mailbox.host());
        properties.put(prefix + "port", String.valueOf(mailbox.port()));
        properties.put(prefix + "connectiontimeout", millis(reader.connectTimeout()));
        // An IDLE is silent until it is ended: the socket may stay quiet that long, and the read timeout beyond.
        properties.put(prefix + "timeout", millis(reader.readTimeout().plus(reader.idleRestart())));
        properties.put(prefix + "writetimeout", millis(reader.readTimeout()));
        properties.put(prefix + "peek", "true");
        properties.put(prefix + "fetchsize", String.valueOf(1024 * 1024));
        switch (mailbox.security()) {
            case IMAPS -> {
                properties.put(prefix + "ssl.enable", "true");
                properties.put(prefix + "ssl.checkserveridentity", "true");
            }
            case STARTTLS -> {
                properties.put(prefix + "starttls.enable", "true");
                properties.put(prefix + "starttls.required", "true");
                properties.put(prefix + "ssl.checkserveridentity", "true");
            }
            case NONE -> {
                // Tests and a server on the same host only.
            }
        }
        String secret;
        if (mailbox.auth() == MailboxProperties.Auth.XOAUTH2) {
            properties.put(prefix + "auth.mechanisms", "XOAUTH2");
            MailboxProperties.OAuth oauth = mailbox.oauth();
            String clientSecret = secrets.add(context.secrets().resolve(oauth.clientSecretRef()));
            secret = secrets.add(
                    context.tokens().token(oauth.tokenUri(), oauth.clientId(), clientSecret, oauth.scope()));
        } else {
            secret = secrets.add(context.secrets().resolve(mailbox.passwordRef()));
        }
        Session session = Session.getInstance(properties);
        session.setDebug(false);
        Store store = session.getStore(protocol);
        store.connect(mailbox.host(), mailbox.port(), mailbox.username(), secret);
        return store;
    }

    private void forgetToken() {
        if (mailbox.auth() != MailboxProperties.Auth.XOAUTH2) {
            return;
        }
        MailboxProperties.OAuth oauth = mailbox.oauth();
        try {
            String clientSecret = context.secrets().resolve(oauth.clientSecretRef());
            context.tokens().forget(oauth.tokenUri(), oauth.clientId(), clientSecret, oauth.scope());
        } catch (SecretReferences.SecretUnavailable e) {
            // Nothing cached for a secret that cannot be read.
        }
    }

    // Reading

    private void read(IMAPStore store, Secrets secrets) throws MessagingException {
        IMAPFolder folder = (IMAPFolder) store.getFolder(mailbox.folder());
        folder.open(Folder.READ_WRITE);
        open = folder;
        Folder processed = ensure(store, mailbox.processedFolder());
        Folder quarantine = ensure(store, mailbox.quarantineFolder());
        boolean idle = mailbox.idle() && store.hasCapability("IDLE");
        Moves moves = new Moves(store.hasCapability("MOVE"), store.hasCapability("UIDPLUS"));
        log.info(
                "Mailbox {}: reading {} at {} ({})",
                definition.name(),
                mailbox.folder(),
                mailbox.host(),
                idle ? "IDLE" : "polling every " + mailbox.pollInterval());
        long selected = System.nanoTime();
        while (!stopped) {
            if (System.nanoTime() - selected >= context.reader().idleRestart().toNanos()) {
                // Selected afresh now and then: a server that lost a notification (GreenMail does, under concurrent
                // delivery and MOVE) may also never count that mail in this session, and only a new SELECT shows it.
                folder.close(false);
                folder.open(Folder.READ_WRITE);
                selected = System.nanoTime();
            }
            int left = pass(folder, processed, quarantine, moves, secrets);
            context.statuses().readOk(definition.name(), context.holder(), idle);
            if (stopped) {
                return;
            }
            // A NOOP collects what the server has to say (EXISTS) before the IDLE: some servers report mail that
            // arrived during the pass only at the next command, and an IDLE would then wait for the next mail.
            folder.doCommand(protocol -> {
                protocol.simpleCommand("NOOP", null);
                return null;
            });
            if (folder.getMessageCount() > left) {
                // Mail arrived while this pass ran.
                continue;
            }
            if (idle) {
                idle(folder);
            } else {
                sleep(mailbox.pollInterval());
            }
        }
    }

    private void idle(IMAPFolder folder) throws MessagingException {
        ScheduledFuture<?> restart = context.timer()
                .schedule(() -> noop(folder), context.reader().idleRestart().toMillis(), TimeUnit.MILLISECONDS);
        try {
            folder.idle(true);
        } finally {
            restart.cancel(false);
        }
    }

    private static void noop(IMAPFolder folder) {
        try {
            folder.doCommand(protocol -> {
                protocol.simpleCommand("NOOP", null);
                return null;
            });
        } catch (MessagingException | RuntimeException e) {
            // The reader sees the broken connection itself.
        }
    }

    /** Processes every message in the folder; returns how many were left in it. */
    private int pass(IMAPFolder folder, Folder processed, Folder quarantine, Moves moves, Secrets secrets)
            throws MessagingException {
        Message[] all = folder.getMessages();
        FetchProfile profile = new FetchProfile();
        profile.add(FetchProfile.Item.ENVELOPE);
        profile.add(FetchProfile.Item.SIZE);
        profile.add(FetchProfile.Item.FLAGS);
        profile.add(UIDFolder.FetchProfileItem.UID);
        profile.add("Message-ID");
        int left = 0;
        int batch = context.reader().fetchBatch();
        for (int from = 0; from < all.length && !stopped; from += batch) {
            Message[] chunk = Arrays.copyOfRange(all, from, Math.min(all.length, from + batch));
            folder.fetch(chunk, profile);
            prefetch(folder, chunk, Math.min(PREFETCH_MESSAGE_BYTES, settings.maxMessageBytes()));
            List<Message> toProcessed = new ArrayList<>();
            List<Message> toQuarantine = new ArrayList<>();
            for (Message message : chunk) {
                if (stopped) {
                    break;
                }
                if (message.isExpunged() || message.isSet(Flags.Flag.DELETED)) {
                    left++;
                    continue;
                }
                switch (handle(message, secrets)) {
                    case PROCESSED -> toProcessed.add(message);
                    case QUARANTINE -> toQuarantine.add(message);
                    case LEAVE -> left++;
                }
            }
            moves.move(folder, toProcessed, processed);
            moves.move(folder, toQuarantine, quarantine);
        }
        return left;
    }

    /**
     * Downloads the small mails of a batch in one round trip ({@code BODY.PEEK[]} for all of them) rather than one or
     * two per mail: against a server across a network, or one that answers a fetch slowly, the round trips and not
     * the processing decide how many mails a second the reader takes. Mails over {@code largest} (the prefetch limit,
     * or the mailbox's size limit: a mail over it is never downloaded) are left to be handled one by one,
     * so that a batch never holds more than {@link #PREFETCH_BATCH_BYTES} in memory.
     */
    private static void prefetch(IMAPFolder folder, Message[] chunk, long largest) throws MessagingException {
        List<Message> small = new ArrayList<>();
        long bytes = 0;
        for (Message message : chunk) {
            if (message.isExpunged()) {
                // Moved away by an earlier pass: nothing to download (and its size would throw).
                continue;
            }
            int size = message.getSize();
            if (size >= 0 && size <= largest && bytes + size <= PREFETCH_BATCH_BYTES) {
                small.add(message);
                bytes += size;
            }
        }
        if (!small.isEmpty()) {
            FetchProfile whole = new FetchProfile();
            whole.add(IMAPFolder.FetchProfileItem.MESSAGE);
            folder.fetch(small.toArray(Message[]::new), whole);
        }
    }

    private Target handle(Message message, Secrets secrets) throws MessagingException {
        long size = Math.max(0, message.getSize());
        Instant received = message.getReceivedDate() == null
                ? context.clock().instant()
                : message.getReceivedDate().toInstant();
        String messageId = normaliseMessageId(((MimeMessage) message).getMessageID());
        if (messageId != null) {
            // Claimed before (a crash between commit and move, another replica): moved as recorded, not downloaded.
            Optional<MailMessages.Row> done = context.messages().byKey(idKey(messageId));
            if (done.isPresent()) {
                return done.get().quarantine() ? Target.QUARANTINE : Target.PROCESSED;
            }
        }
        String sender = sender(message);
        String subject = subject(message);
        if (size > settings.maxMessageBytes()) {
            String key = messageId != null ? idKey(messageId) : "headers-sha256:" + sha256(headers(message));
            return transact(
                    key,
                    messageId,
                    sender,
                    subject,
                    size,
                    null,
                    received,
                    () -> processor.tooLarge(settings, sender, subject, size));
        }
        byte[] raw = download(message, size);
        String key = messageId != null ? idKey(messageId) : "sha256:" + sha256(raw);
        return transact(
                key, messageId, sender, subject, raw.length, raw, received, () -> processor.process(settings, raw));
    }

    private Target transact(
            String key,
            String messageId,
            String sender,
            String subject,
            long size,
            byte[] raw,
            Instant received,
            Supplier<MailOutcome> work) {
        String[] recorded = new String[1];
        MailMessages messages = context.messages();
        Target target;
        try {
            target = context.transaction().execute(status -> {
                Optional<Long> id = messages.claim(
                        definition.name(),
                        key,
                        messageId,
                        size,
                        raw,
                        received,
                        context.clock().instant());
                if (id.isEmpty()) {
                    MailMessages.Row existing = messages.byKey(key).orElseThrow();
                    return existing.quarantine() ? Target.QUARANTINE : Target.PROCESSED;
                }
                MailOutcome outcome = work.get();
                if (outcome == null || outcome.kind() == null) {
                    throw new IllegalStateException("The mail processor gave no outcome");
                }
                messages.complete(id.get(), outcome, context.clock().instant());
                recorded[0] = outcome.kind().name();
                return outcome.kind().quarantine() ? Target.QUARANTINE : Target.PROCESSED;
            });
        } catch (RuntimeException e) {
            if (DatabaseUnavailable.explains(e)) {
                // Not the mail's fault: the pass fails, and the mail is tried again after the back-off.
                throw e;
            }
            return failed(key, messageId, sender, subject, size, raw, received, e);
        }
        context.failures().remove(key);
        if (recorded[0] != null) {
            context.metrics()
                    .processed(
                            definition.name(),
                            recorded[0],
                            Duration.between(received, context.clock().instant()));
        }
        return target;
    }

    /** The processor threw (a bug): left in place, or quarantined after the last attempt. */
    private Target failed(
            String key,
            String messageId,
            String sender,
            String subject,
            long size,
            byte[] raw,
            Instant received,
            RuntimeException e) {
        context.metrics().processingError(definition.name());
        int attempts = context.failures().merge(key, 1, Integer::sum);
        int max = context.reader().maxAttempts();
        if (attempts < max) {
            log.warn(
                    "Mailbox {}: processing mail {} failed (attempt {} of {}); left in the mailbox",
                    definition.name(),
                    key,
                    attempts,
                    max,
                    e);
            return Target.LEAVE;
        }
        log.error(
                "Mailbox {}: processing mail {} failed {} times; moved to {} as {}",
                definition.name(),
                key,
                attempts,
                mailbox.quarantineFolder(),
                MailMessages.PROCESSING_FAILED,
                e);
        context.messages()
                .recordFailed(
                        definition.name(),
                        key,
                        messageId,
                        sender,
                        subject,
                        size,
                        raw,
                        received,
                        context.clock().instant());
        context.failures().remove(key);
        context.metrics()
                .processed(
                        definition.name(),
                        MailOutcome.Kind.QUARANTINED.name(),
                        Duration.between(received, context.clock().instant()));
        return Target.QUARANTINE;
    }

    /** The message exactly as the server holds it (8-bit headers included): {@code BODY.PEEK[]}. */
    private static byte[] download(Message message, long size) throws MessagingException {
        ByteArrayOutputStream out = new ByteArrayOutputStream((int) Math.min(Math.max(size, 1024), 64L * 1024 * 1024));
        try {
            message.writeTo(out);
        } catch (IOException e) {
            throw new MessagingException("Message could not be downloaded", e);
        }
        return out.toByteArray();
    }

    private static byte[] headers(Message message) throws MessagingException {
        StringBuilder all = new StringBuilder();
        Enumeration<String> lines = ((MimeMessage) message).getAllHeaderLines();
        while (lines.hasMoreElements()) {
            all.append(lines.nextElement()).append("\r\n");
        }
        return all.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static String sender(Message message) {
        try {
            Address[] from = message.getFrom();
            if (from != null && from.length > 0 && from[0] instanceof InternetAddress address) {
                return address.getAddress() == null
                        ? null
                        : address.getAddress().toLowerCase(Locale.ROOT);
            }
        } catch (MessagingException | RuntimeException e) {
            // An envelope without a usable sender.
        }
        return null;
    }

    private static String subject(Message message) {
        try {
            return message.getSubject();
        } catch (MessagingException | RuntimeException e) {
            return null;
        }
    }

    private static Folder ensure(Store store, String name) throws MessagingException {
        Folder folder = store.getFolder(name);
        if (!folder.exists() && !folder.create(Folder.HOLDS_MESSAGES)) {
            throw new MessagingException("Folder " + name + " cannot be created");
        }
        return folder;
    }

    /** How messages leave the folder: IMAP MOVE where the server has it, else COPY, \Deleted and expunge. */
    private record Moves(boolean move, boolean uidPlus) {

        void move(IMAPFolder folder, List<Message> messages, Folder target) throws MessagingException {
            if (messages.isEmpty()) {
                return;
            }
            Message[] array = messages.toArray(Message[]::new);
            if (move) {
                folder.moveMessages(array, target);
                return;
            }
            folder.copyMessages(array, target);
            folder.setFlags(array, new Flags(Flags.Flag.DELETED), true);
            if (uidPlus) {
                folder.expunge(array);
            } else {
                folder.expunge();
            }
        }
    }

    // Keys

    /**
     * The {@code Message-ID} without angle brackets, comments around it or folding whitespace; null when there is
     * none.
     */
    static String normaliseMessageId(String header) {
        if (header == null) {
            return null;
        }
        String value = header.strip();
        int open = value.indexOf('<');
        int close = open < 0 ? -1 : value.indexOf('>', open + 1);
        if (open >= 0 && close > open) {
            value = value.substring(open + 1, close);
        }
        value = value.replaceAll("\\s+", "");
        return value.isEmpty() ? null : value;
    }

    static String idKey(String messageId) {
        // A freakishly long id would not fit the unique index: its hash stands in for it.
        return messageId.length() <= 500
                ? "id:" + messageId
                : "id-sha256:" + sha256(messageId.getBytes(StandardCharsets.UTF_8));
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    // Helpers

    private void sleep(Duration duration) {
        try {
            Thread.sleep(Math.max(1, duration.toMillis()));
        } catch (InterruptedException e) {
            // stop() interrupts: the loop checks stopped.
        }
    }

    private static void close(Store store) {
        if (store == null) {
            return;
        }
        try {
            store.close();
        } catch (MessagingException | RuntimeException e) {
            // Closing a broken connection.
        }
    }

    private static String millis(Duration duration) {
        return String.valueOf(Math.max(1, duration.toMillis()));
    }

    /** The exception and its causes in one line, for the log and the status (redacted by the caller). */
    static String describe(Throwable e) {
        StringBuilder text = new StringBuilder();
        Throwable cause = e;
        for (int depth = 0; cause != null && depth < 4; depth++) {
            if (depth > 0) {
                text.append(" / ");
            }
            text.append(cause.getClass().getSimpleName());
            if (cause.getMessage() != null) {
                text.append(": ").append(cause.getMessage().lines().findFirst().orElse(""));
            }
            cause = cause.getCause() == cause ? null : cause.getCause();
        }
        return text.length() > 500 ? text.substring(0, 500) + "…" : text.toString();
    }

    /** The secrets of one connection, so no text that leaves the reader contains them. */
    static final class Secrets {

        private final List<String> values = new ArrayList<>();

        String add(String secret) {
            if (secret != null && !secret.isEmpty()) {
                values.add(secret);
            }
            return secret;
        }

        String redact(String text) {
            String redacted = text;
            for (String secret : values) {
                redacted = redacted.replace(secret, "***");
            }
            return redacted;
        }

        @Override
        public String toString() {
            return "Secrets[" + values.size() + " hidden]";
        }
    }
}
