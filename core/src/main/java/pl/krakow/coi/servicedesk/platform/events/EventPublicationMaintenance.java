package pl.krakow.coi.servicedesk.platform.events;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import javax.sql.DataSource;
import net.javacrumbs.shedlock.core.DefaultLockingTaskExecutor;
import net.javacrumbs.shedlock.core.LockConfiguration;
import net.javacrumbs.shedlock.core.LockingTaskExecutor;
import net.javacrumbs.shedlock.provider.jdbctemplate.JdbcTemplateLockProvider;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Lazy;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.modulith.events.CompletedEventPublications;
import org.springframework.modulith.events.EventPublication;
import org.springframework.modulith.events.IncompleteEventPublications;
import org.springframework.modulith.events.core.EventPublicationRepository;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import pl.krakow.coi.servicedesk.platform.ConditionalOnWorkerRole;

/**
 * Keeps the event publication registry moving (worker role): every {@code resubmission.interval} it
 * resubmits the publications that are still incomplete after {@code resubmission.staleness} (a listener
 * failed, or the replica that was to deliver it stopped), and every {@code cleanup.interval} it deletes
 * completed publications older than {@code cleanup.retention}.
 *
 * <p>One worker at a time: each run holds a ShedLock lock in the {@code shedlock} table (this class's own
 * lock provider, as the licence recomputation and reporting have theirs). Two runs at once would both
 * claim a publication that one of them has just completed (Spring Modulith 2.1.1 claims by "not already
 * resubmitted", not by "still incomplete"), and deliver it twice. A publication resubmitted less than
 * {@code staleness} ago is left to the delivery in progress, on whichever replica it runs.
 */
@Component
@ConditionalOnWorkerRole
class EventPublicationMaintenance {

    static final String RESUBMISSION_LOCK = "event-publication-resubmission";
    static final String CLEANUP_LOCK = "event-publication-cleanup";
    static final Duration LOCK_AT_MOST_FOR = Duration.ofMinutes(10);
    private static final Logger log = LoggerFactory.getLogger(EventPublicationMaintenance.class);

    private final IncompleteEventPublications incomplete;
    private final CompletedEventPublications completed;
    private final EventPublicationRepository repository;
    private final EventsProperties properties;
    private final Clock clock;
    private final LockingTaskExecutor locks;

    // Lazy: the registry's repository asks the database for its type when it is created, and the image's
    // training run (ADR 0061) builds the context without a database.
    EventPublicationMaintenance(
            @Lazy IncompleteEventPublications incomplete,
            @Lazy CompletedEventPublications completed,
            @Lazy EventPublicationRepository repository,
            EventsProperties properties,
            Clock clock,
            DataSource dataSource) {
        this.incomplete = incomplete;
        this.completed = completed;
        this.repository = repository;
        this.properties = properties;
        this.clock = clock;
        this.locks = new DefaultLockingTaskExecutor(
                new JdbcTemplateLockProvider(JdbcTemplateLockProvider.Configuration.builder()
                        .withJdbcTemplate(new JdbcTemplate(dataSource))
                        .usingDbTime()
                        .build()));
    }

    @Scheduled(
            fixedDelayString = "${servicedesk.events.resubmission.interval:1m}",
            initialDelayString = "${servicedesk.events.resubmission.interval:1m}")
    void resubmit() {
        resubmitOnce();
    }

    @Scheduled(
            fixedDelayString = "${servicedesk.events.cleanup.interval:1h}",
            initialDelayString = "${servicedesk.events.cleanup.interval:1h}")
    void cleanup() {
        cleanupOnce();
    }

    /**
     * Resubmits every stale incomplete publication to its listener, unless another worker is doing so;
     * whether this one did.
     */
    boolean resubmitOnce() {
        return underLock(RESUBMISSION_LOCK, () -> {
            Instant staleBefore =
                    clock.instant().minus(properties.resubmission().staleness());
            // A resubmission whose replica stopped before the listener started is never claimed again
            // (the claim skips resubmitted publications): once stale, it counts as failed.
            for (var stuck : repository.findByStatus(EventPublication.Status.RESUBMITTED)) {
                if (!stuck.isCompleted() && lastAttempt(stuck).isBefore(staleBefore)) {
                    repository.markFailed(stuck.getIdentifier());
                }
            }
            incomplete.resubmitIncompletePublications(publication ->
                    !publication.isCompleted() && lastAttempt(publication).isBefore(staleBefore));
        });
    }

    /** Deletes completed publications past the retention, unless another worker is doing so; whether this one did. */
    boolean cleanupOnce() {
        return underLock(
                CLEANUP_LOCK,
                () -> completed.deletePublicationsOlderThan(properties.cleanup().retention()));
    }

    private static Instant lastAttempt(EventPublication publication) {
        Instant resubmitted = publication.getLastResubmissionDate();
        return resubmitted == null || resubmitted.isBefore(publication.getPublicationDate())
                ? publication.getPublicationDate()
                : resubmitted;
    }

    private boolean underLock(String name, Runnable work) {
        try {
            boolean ran = locks.executeWithLock(
                            () -> {
                                work.run();
                                return true;
                            },
                            new LockConfiguration(Instant.now(), name, LOCK_AT_MOST_FOR, Duration.ZERO))
                    .wasExecuted();
            if (!ran) {
                log.debug("{}: another worker holds the lock", name);
            }
            return ran;
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }
}
