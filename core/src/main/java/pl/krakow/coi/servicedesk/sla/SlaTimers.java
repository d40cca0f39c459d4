package pl.krakow.coi.servicedesk.sla;

import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import pl.krakow.coi.servicedesk.platform.ConditionalOnWorkerRole;
import pl.krakow.coi.servicedesk.ticket.TicketService;
import pl.krakow.coi.servicedesk.ticket.domain.TicketEventType;

/**
 * The SLA timers: check the tickets whose next check is due, raise each warning and breach once as a
 * ticket event, escalate a breach to the deputy director over the ticket's unit, and schedule the
 * next check.
 *
 * <p>Coordinated through PostgreSQL only: each ticket is checked in its own transaction, claimed with
 * {@code FOR UPDATE SKIP LOCKED} on its {@code sla_ticket} and {@code ticket} rows, so any number of
 * workers on any number of replicas share the work without checking a ticket twice at once; the
 * primary key of {@code sla_alert} (ticket, target, level) makes each alert exist once whatever
 * happens. A check never waits for a lock: a ticket being changed is skipped and, since the change
 * asks for a new check, taken on the next run.
 */
@Component
@ConditionalOnWorkerRole
public class SlaTimers {

    private static final Logger log = LoggerFactory.getLogger(SlaTimers.class);

    private final SlaService sla;
    private final SlaTickets slaTickets;
    private final TicketService tickets;
    private final SlaMetrics metrics;
    private final TransactionTemplate transactions;
    private final SlaProperties properties;
    private final Clock clock;
    private final String worker;

    SlaTimers(
            SlaService sla,
            SlaTickets slaTickets,
            TicketService tickets,
            SlaMetrics metrics,
            TransactionTemplate slaTimerTransactions,
            SlaProperties properties,
            Clock clock) {
        this.sla = sla;
        this.slaTickets = slaTickets;
        this.tickets = tickets;
        this.metrics = metrics;
        this.transactions = slaTimerTransactions;
        this.properties = properties;
        this.clock = clock;
        this.worker = host() + "/" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** What one run did. */
    public record Run(int checked, int alertsRaised, int failures) {}

    @Scheduled(
            fixedDelayString = "${servicedesk.sla.timer.interval:15s}",
            initialDelayString = "${servicedesk.sla.timer.initial-delay:20s}")
    void scheduled() {
        if (properties.timer().enabled()) {
            runOnce();
        }
    }

    /** Checks every ticket due now (up to the batch size), one transaction per ticket. */
    public Run runOnce() {
        Instant started = clock.instant();
        long startedNanos = System.nanoTime();
        int checked = 0;
        int raised = 0;
        int failures = 0;
        while (checked + failures < properties.timer().batchSize()) {
            Instant now = clock.instant();
            AtomicReference<Long> claimed = new AtomicReference<>();
            try {
                Integer alerts = transactions.execute(status -> {
                    Optional<Long> due = slaTickets.claimDue(now);
                    if (due.isEmpty()) {
                        return null;
                    }
                    claimed.set(due.get());
                    return check(due.get(), now);
                });
                if (alerts == null) {
                    break;
                }
                checked++;
                raised += alerts;
                metrics.checked();
            } catch (RuntimeException e) {
                if (claimed.get() == null) {
                    throw e;
                }
                failures++;
                metrics.failed();
                log.warn(
                        "SLA check of ticket {} failed; retrying in {}",
                        claimed.get(),
                        properties.timer().retryDelay(),
                        e);
                transactions.executeWithoutResult(status -> slaTickets.scheduleNext(
                        claimed.get(), now.plus(properties.timer().retryDelay())));
            }
        }
        metrics.run(Duration.ofNanos(System.nanoTime() - startedNanos), slaTickets.dueCount(clock.instant()));
        if (raised > 0 || failures > 0) {
            log.info(
                    "SLA timers ({}) at {}: {} tickets checked, {} alerts raised, {} failed",
                    worker,
                    started,
                    checked,
                    raised,
                    failures);
        }
        return new Run(checked, raised, failures);
    }

    /** Raises the alerts the ticket reached and not raised before; returns how many. */
    private int check(long ticketId, Instant now) {
        TicketSla ticket = sla.compute(ticketId, now, false);
        int raised = 0;
        for (SlaAlert alert : ticket.status().alertsReached()) {
            if (!slaTickets.recordAlert(ticketId, alert, now, worker)) {
                continue;
            }
            raised++;
            TargetStatus target = ticket.status().of(alert.target());
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("target", alert.target().name());
            data.put("level", alert.level().name());
            data.put("priority", ticket.status().priority().name());
            data.put("policy", ticket.policy().code());
            data.put("targetDuration", target.target().toString());
            data.put("calendar", target.calendar());
            data.put("thresholdAt", alert.thresholdAt().toString());
            if (target.dueAt() != null) {
                data.put("dueAt", target.dueAt().toString());
            }
            data.put("configRevision", ticket.configRevision());
            TicketEventType type =
                    alert.level() == AlertLevel.WARNING ? TicketEventType.SLA_WARNING : TicketEventType.SLA_BREACHED;
            tickets.recordSla(ticketId, type, data);
            if (alert.level() == AlertLevel.BREACH) {
                tickets.escalateToDeputyOnBreach(
                        ticketId,
                        "SLA breached: the " + alert.target().name().toLowerCase() + " target of "
                                + target.target() + " business time ("
                                + ticket.status().priority() + ", policy "
                                + ticket.policy().code() + ") was due at " + alert.thresholdAt());
            }
            metrics.raisedAfterCommit(
                    alert, ticket.status().priority().name(), ticket.policy().code());
        }
        // Last: the ticket changes above asked for a check now; the computed one replaces it.
        slaTickets.scheduleNext(ticketId, ticket.status().nextCheck().orElse(null));
        return raised;
    }

    /** This worker's name in {@code sla_alert.raised_by}. */
    public String worker() {
        return worker;
    }

    private static String host() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (java.io.IOException e) {
            return "unknown-host";
        }
    }
}
