package pl.krakow.coi.servicedesk.ingest.mail;

import java.net.InetAddress;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import pl.krakow.coi.servicedesk.platform.ConditionalOnWorkerRole;
import tools.jackson.databind.json.JsonMapper;

/**
 * Runs one {@link MailboxReader} per mailbox this replica holds the lease of, on worker replicas. Every
 * {@code check-interval} it renews its leases (a reader whose lease another replica took stops), stops the readers
 * of mailboxes removed, disabled or changed, and takes the leases of enabled mailboxes nobody holds. On shutdown it
 * stops its readers and lets their leases go, so another replica takes over at once.
 */
@Component
@ConditionalOnWorkerRole
class MailboxReaders implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(MailboxReaders.class);

    private final Mailboxes mailboxes;
    private final MailboxLeases leases;
    private final ObjectProvider<MailProcessor> processors;
    private final MailboxProperties.Reader settings;
    private final MailboxReader.Context context;
    private final MailMetrics metrics;
    private final Map<String, Running> running = new ConcurrentHashMap<>();
    private final Object wake = new Object();
    private ExecutorService executor;
    private ScheduledExecutorService timer;
    private Thread supervisor;
    private volatile boolean started;
    private boolean warnedNoProcessor;

    private record Running(MailboxReader reader, Future<?> future) {}

    MailboxReaders(
            Mailboxes mailboxes,
            MailboxLeases leases,
            ObjectProvider<MailProcessor> processors,
            MailboxProperties properties,
            MailMessages messages,
            MailboxStatuses statuses,
            MailMetrics metrics,
            TransactionTemplate transaction,
            JsonMapper json,
            Clock clock) {
        this.mailboxes = mailboxes;
        this.leases = leases;
        this.processors = processors;
        this.settings = properties.reader();
        this.metrics = metrics;
        this.timer = Executors.newSingleThreadScheduledExecutor(daemon("mailbox-idle-timer"));
        this.context = new MailboxReader.Context(
                settings,
                holderName(),
                messages,
                statuses,
                metrics,
                transaction,
                new SecretReferences(),
                new OAuthTokens(json, clock, settings.connectTimeout()),
                clock,
                timer,
                new ConcurrentHashMap<>());
    }

    /** This replica's name in the leases: its host name and a random suffix (two replicas may share a host). */
    private static String holderName() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (Exception e) {
            host = "replica";
        }
        return host + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    String holder() {
        return context.holder();
    }

    @Override
    public synchronized void start() {
        if (started || !settings.enabled()) {
            return;
        }
        started = true;
        if (timer.isShutdown()) {
            timer = Executors.newSingleThreadScheduledExecutor(daemon("mailbox-idle-timer"));
        }
        executor = Executors.newCachedThreadPool(daemon("mailbox-reader"));
        supervisor = new Thread(this::supervise, "mailbox-supervisor");
        supervisor.setDaemon(true);
        supervisor.start();
    }

    @Override
    public synchronized void stop() {
        if (!started) {
            return;
        }
        started = false;
        supervisor.interrupt();
        try {
            supervisor.join(TimeUnit.SECONDS.toMillis(10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        running.values().forEach(r -> r.reader().stop());
        executor.shutdown();
        try {
            if (!executor.awaitTermination(15, TimeUnit.SECONDS)) {
                executor.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        for (String name : running.keySet()) {
            release(name);
        }
        running.clear();
        metrics.held(0);
        timer.shutdownNow();
    }

    @Override
    public boolean isRunning() {
        return started;
    }

    /** Looks at the mailboxes now (after an admin changed one on this replica). */
    void wake() {
        synchronized (wake) {
            wake.notifyAll();
        }
    }

    private void supervise() {
        while (started) {
            try {
                check();
            } catch (RuntimeException e) {
                // The database may be down for a moment; the leases run out if it stays down.
                log.warn("Mailbox readers: checking the mailboxes failed: {}", e.toString());
            }
            synchronized (wake) {
                try {
                    wake.wait(Math.max(1, settings.checkInterval().toMillis()));
                } catch (InterruptedException e) {
                    return;
                }
            }
        }
    }

    private void check() {
        Map<String, MailboxDefinition> wanted = new LinkedHashMap<>();
        for (MailboxDefinition definition : mailboxes.all()) {
            if (definition.mailbox().enabled()) {
                wanted.put(definition.name(), definition);
            }
        }
        for (Map.Entry<String, Running> entry : List.copyOf(running.entrySet())) {
            String name = entry.getKey();
            Running current = entry.getValue();
            MailboxDefinition definition = wanted.get(name);
            if (definition == null
                    || !definition.equals(current.reader().definition())
                    || current.future().isDone()) {
                log.info("Mailbox {}: stopping its reader (removed, disabled or changed)", name);
                stopReader(name, current);
            } else if (!leases.acquire(name, holder(), settings.leaseDuration())) {
                log.warn("Mailbox {}: another replica took the lease; this one stops reading it", name);
                current.reader().stop();
                running.remove(name);
            }
        }
        MailProcessor processor = processors.getIfAvailable();
        if (processor == null) {
            if (!wanted.isEmpty() && !warnedNoProcessor) {
                log.warn("No MailProcessor: the mailboxes are not read");
                warnedNoProcessor = true;
            }
            metrics.held(running.size());
            return;
        }
        for (MailboxDefinition definition : wanted.values()) {
            if (!started || running.containsKey(definition.name())) {
                continue;
            }
            if (leases.acquire(definition.name(), holder(), settings.leaseDuration())) {
                MailboxReader reader = new MailboxReader(definition, processor, context);
                running.put(definition.name(), new Running(reader, executor.submit(reader)));
                log.info("Mailbox {}: this replica ({}) reads it", definition.name(), holder());
            }
        }
        metrics.held(running.size());
    }

    private void stopReader(String name, Running current) {
        current.reader().stop();
        try {
            current.future().get(15, TimeUnit.SECONDS);
        } catch (Exception e) {
            // Stopped or failed: either way it no longer reads.
        }
        running.remove(name);
        release(name);
    }

    private void release(String name) {
        try {
            leases.release(name, holder());
        } catch (RuntimeException e) {
            log.debug("Mailbox {}: lease not released ({}); it runs out", name, e.toString());
        }
    }

    private static java.util.concurrent.ThreadFactory daemon(String prefix) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, prefix + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
