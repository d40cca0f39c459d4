package pl.krakow.coi.servicedesk.notification;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import pl.krakow.coi.servicedesk.licence.Licence;
import pl.krakow.coi.servicedesk.licence.LicenceService;
import pl.krakow.coi.servicedesk.notification.NotificationContent.LicenceExpiry;
import pl.krakow.coi.servicedesk.people.People;

/**
 * Finds the licences that crossed a threshold of {@link LicenceExpiryThresholds} and tells the licence
 * administrators, once per licence, end date and threshold: the notice is recorded in
 * {@code licence_expiry_notice} in the transaction that enqueues it, and its primary key refuses a second one (from a
 * later run, or from a replica running at the same moment, which waits for the first to commit and then inserts
 * nothing). A licence past several thresholds at once gets the tightest; the looser ones are recorded as superseded.
 * The licences of one run go to each administrator in one mail, through {@link NotificationOutbox}.
 */
@Component
class LicenceExpiryNotices {

    static final ZoneId CITY_HALL_ZONE = ZoneId.of("Europe/Warsaw");
    private static final Logger log = LoggerFactory.getLogger(LicenceExpiryNotices.class);

    /**
     * What one run noticed.
     *
     * @param source the notification source the notices were enqueued under
     * @param licences the licences noticed, soonest first, each with the threshold it crossed
     * @param administrators the usernames told
     */
    record Batch(String source, LocalDate runDate, List<Noticed> licences, List<String> administrators) {}

    /** One licence noticed at one threshold. */
    record Noticed(long licenceId, LocalDate validUntil, int thresholdDays, LicenceExpiry expiry) {}

    private final LicenceService licences;
    private final NotificationSettings settings;
    private final People people;
    private final NotificationOutbox outbox;
    private final JdbcClient jdbc;

    LicenceExpiryNotices(
            LicenceService licences,
            NotificationSettings settings,
            People people,
            NotificationOutbox outbox,
            JdbcClient jdbc) {
        this.licences = licences;
        this.settings = settings;
        this.people = people;
        this.outbox = outbox;
        this.jdbc = jdbc;
    }

    /**
     * Notices every licence that crossed a threshold not noticed yet on {@code today}. Without any licence
     * administrator nothing is recorded (so the notices go out once one is configured).
     *
     * @return what was noticed; empty when nothing was due
     */
    @Transactional
    Optional<Batch> run(LocalDate today) {
        List<Licence> ending = licences.endingBetween(today, today.plusDays(LicenceExpiryThresholds.horizon()));
        if (ending.isEmpty()) {
            return Optional.empty();
        }
        List<String> administrators = settings.licenceAdministrators();
        if (administrators.isEmpty()) {
            log.warn(
                    "Licence expiry: {} licence(s) end within {} days but no licence administrator is configured"
                            + " (servicedesk.notifications.licence-administrators, -unit); nobody is told",
                    ending.size(),
                    LicenceExpiryThresholds.horizon());
            return Optional.empty();
        }
        String source =
                "licence-expiry:" + today + ":" + UUID.randomUUID().toString().substring(0, 8);
        Set<Long> productIds = new HashSet<>();
        ending.forEach(l -> productIds.addAll(l.details().products()));
        Map<Long, String> productNames = licences.productNames(productIds);
        List<Noticed> noticed = new ArrayList<>();
        for (Licence licence : ending) {
            LocalDate validUntil = licence.details().validUntil();
            OptionalInt tightest = LicenceExpiryThresholds.tightest(today, validUntil);
            if (tightest.isEmpty() || !record(licence.id(), validUntil, tightest.getAsInt(), today, source, null)) {
                continue;
            }
            for (int looser : LicenceExpiryThresholds.crossed(today, validUntil)) {
                if (looser != tightest.getAsInt()) {
                    record(licence.id(), validUntil, looser, today, source, tightest.getAsInt());
                }
            }
            String products = String.join(
                    ", ",
                    licence.details().products().stream()
                            .sorted()
                            .map(id -> productNames.getOrDefault(id, "#" + id))
                            .toList());
            noticed.add(new Noticed(
                    licence.id(),
                    validUntil,
                    tightest.getAsInt(),
                    new LicenceExpiry(
                            licence.details().name(),
                            products,
                            validUntil.atStartOfDay(CITY_HALL_ZONE).toInstant(),
                            tightest.getAsInt())));
        }
        if (noticed.isEmpty()) {
            return Optional.empty();
        }
        Batch batch = new Batch(source, today, List.copyOf(noticed), administrators);
        tell(batch);
        log.info(
                "Licence expiry: {} licence(s) noticed to {} administrator(s) ({})",
                noticed.size(),
                administrators.size(),
                source);
        return Optional.of(batch);
    }

    /**
     * Enqueues one {@code LICENCE_EXPIRING} mail per administrator with every licence of the batch, in the run's
     * transaction (so the notices and the deliveries commit together or not at all).
     */
    void tell(Batch batch) {
        List<Recipient> recipients = new ArrayList<>();
        for (String username : batch.administrators()) {
            people.find(username)
                    .filter(p -> p.email() != null && !p.email().isBlank())
                    .ifPresent(p -> recipients.add(
                            new Recipient(username, p.displayName(), p.email(), settings.language(username))));
        }
        List<LicenceExpiry> expiring =
                batch.licences().stream().map(Noticed::expiry).toList();
        outbox.enqueue(
                batch.source(),
                recipients,
                recipient -> new NotificationContent(
                        NotificationKind.LICENCE_EXPIRING,
                        recipient.locale(),
                        recipient.displayName(),
                        null,
                        null,
                        null,
                        null,
                        false,
                        null,
                        null,
                        null,
                        null,
                        null,
                        List.of(),
                        expiring));
    }

    /** Records one notice; false when that licence, end date and threshold was recorded before. */
    private boolean record(
            long licenceId, LocalDate validUntil, int threshold, LocalDate today, String source, Integer supersededBy) {
        return jdbc.sql("""
                                INSERT INTO licence_expiry_notice (licence_id, valid_until, threshold_days, run_date,
                                    source, superseded_by)
                                VALUES (:licence, :until, :threshold, :today, :source, :superseded)
                                ON CONFLICT DO NOTHING
                                """)
                        .param("licence", licenceId)
                        .param("until", java.sql.Date.valueOf(validUntil))
                        .param("threshold", threshold)
                        .param("today", java.sql.Date.valueOf(today))
                        .param("source", source)
                        .param("superseded", supersededBy)
                        .update()
                == 1;
    }
}
