package pl.krakow.coi.servicedesk.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import pl.krakow.coi.servicedesk.licence.LicenceDetails;
import pl.krakow.coi.servicedesk.licence.LicenceService;
import pl.krakow.coi.servicedesk.licence.SoftwareCatalogue;
import pl.krakow.coi.servicedesk.licence.domain.LicenceMetric;
import pl.krakow.coi.servicedesk.notification.LicenceExpiryNotices.Batch;
import pl.krakow.coi.servicedesk.notification.LicenceExpiryNotices.Noticed;
import pl.krakow.coi.servicedesk.people.People;
import pl.krakow.coi.servicedesk.platform.security.CurrentUser;
import pl.krakow.coi.servicedesk.platform.security.Role;
import pl.krakow.coi.servicedesk.testing.IntegrationTest;

/**
 * Licence-expiry notices: a licence crossing 90, then 60, then 30 days is noticed three times, never a threshold
 * twice, across runs and with two replicas running at once; a licence past several thresholds gets the tightest;
 * a new end date starts afresh; the licences of a run are one batch. A property over generated end dates and run
 * dates checks the same on the real database.
 */
@IntegrationTest(
        properties = {
            "servicedesk.notifications.licence-administrators=lic.admin",
            "servicedesk.notifications.licence-administrators-unit="
        })
class LicenceExpiryNoticesIT {

    static final CurrentUser LICENCE_ADMIN =
            new CurrentUser("lic.admin", "Licencje Admin", EnumSet.of(Role.LICENCE_ADMIN), Optional.of("IT-04-3"));

    /** Far from today and from each other, so that the scenarios do not see each other's licences. */
    static final AtomicInteger ERA = new AtomicInteger();

    @Autowired
    LicenceExpiryNotices notices;

    @Autowired
    LicenceService licences;

    @Autowired
    SoftwareCatalogue catalogue;

    @Autowired
    People people;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    DataSource dataSource;

    long product;

    @BeforeEach
    void administratorAndProduct() {
        people.upsert("lic.admin", "Licencje Admin", "lic.admin@um.krakow.pl", "IT-04-3", "manual", Instant.now());
        product = catalogue
                .findProduct("Microsoft", "Visio Professional 2021", LICENCE_ADMIN)
                .orElseGet(() ->
                        catalogue.createProduct("Microsoft", "Visio Professional 2021", true, null, LICENCE_ADMIN))
                .id();
    }

    @Test
    void aLicenceCrossing90Then60Then30IsNoticedThreeTimesNeverTwiceTheSame() {
        LocalDate base = era();
        long licence = licence("Visio – umowa A", base.minusDays(300), base.plusDays(100));
        List<Batch> batches = new ArrayList<>();
        for (int day = 0; day <= 105; day++) {
            notices.run(base.plusDays(day)).ifPresent(batches::add);
            if (day == 10 || day == 40 || day == 70) {
                // a second run the same day (a restart, a manual run) notices nothing new
                assertThat(notices.run(base.plusDays(day))).isEmpty();
            }
        }
        assertThat(batches)
                .extracting(b -> b.runDate().toString() + " " + thresholds(b, licence))
                .containsExactly(base.plusDays(10) + " [90]", base.plusDays(40) + " [60]", base.plusDays(70) + " [30]");
        Batch first = batches.get(0);
        assertThat(first.administrators()).containsExactly("lic.admin");
        assertThat(first.source()).startsWith("licence-expiry:" + base.plusDays(10) + ":");
        assertThat(first.licences().get(0).expiry().name()).isEqualTo("Visio – umowa A");
        assertThat(first.licences().get(0).expiry().product()).isEqualTo("Microsoft Visio Professional 2021");
        assertThat(first.licences().get(0).expiry().thresholdDays()).isEqualTo(90);
        assertThat(first.licences().get(0).expiry().expiresAt())
                .isEqualTo(base.plusDays(100)
                        .atStartOfDay(LicenceExpiryNotices.CITY_HALL_ZONE)
                        .toInstant());
        assertThat(jdbc.sql("SELECT count(*) FROM licence_expiry_notice WHERE licence_id = :id")
                        .param("id", licence)
                        .query(Long.class)
                        .single())
                .isEqualTo(3);
    }

    @Test
    void aLicencePastSeveralThresholdsGetsTheTightestAndTheLooserAreSuperseded() {
        LocalDate base = era();
        long late = licence("Visio – zarejestrowana późno", base.minusDays(300), base.plusDays(20));
        Batch batch = notices.run(base).orElseThrow();
        assertThat(thresholds(batch, late)).containsExactly(30);
        assertThat(jdbc.sql("""
                        SELECT threshold_days || ':' || coalesce(superseded_by::text, '-') FROM licence_expiry_notice
                        WHERE licence_id = :id ORDER BY threshold_days
                        """).param("id", late).query(String.class).list())
                .containsExactly("30:-", "60:30", "90:30");
        for (int day = 1; day <= 25; day++) {
            assertThat(notices.run(base.plusDays(day))).isEmpty();
        }
    }

    @Test
    void aNewEndDateStartsAfreshAndTheLicencesOfARunAreOneBatch() {
        LocalDate base = era();
        long a = licence("Visio – A", base.minusDays(300), base.plusDays(85));
        long b = licence("Visio – B", base.minusDays(300), base.plusDays(50));
        Batch batch = notices.run(base).orElseThrow();
        assertThat(batch.licences()).extracting(Noticed::licenceId).containsExactly(b, a);
        assertThat(thresholds(batch, a)).containsExactly(90);
        assertThat(thresholds(batch, b)).containsExactly(60);

        // Renewed: A now ends in 80 days from a later date, a new end date.
        var current = licences.get(a, LICENCE_ADMIN);
        LicenceDetails d = current.details();
        licences.update(
                a,
                current.version(),
                new LicenceDetails(
                        d.name(),
                        d.products(),
                        d.metric(),
                        d.quantity(),
                        d.validFrom(),
                        base.plusDays(400),
                        d.contractNumber(),
                        d.vendor(),
                        d.cost(),
                        d.currency(),
                        d.notes()),
                LICENCE_ADMIN);
        assertThat(notices.run(base.plusDays(100))).isEmpty();
        assertThat(thresholds(notices.run(base.plusDays(320)).orElseThrow(), a)).containsExactly(90);
    }

    @Test
    void twoReplicasRunningAtOnceNoticeEachThresholdOnce() throws Exception {
        LocalDate base = era();
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            ids.add(licence("Visio – równolegle " + i, base.minusDays(300), base.plusDays(10 + 20 * i)));
        }
        // Without the lock: both transactions insert the same notices; the primary key lets one through.
        List<Optional<Batch>> runs = together(2, () -> notices.run(base));
        List<Long> told = new ArrayList<>();
        runs.forEach(run -> run.ifPresent(batch -> batch.licences().forEach(n -> told.add(n.licenceId()))));
        assertThat(told).containsExactlyInAnyOrderElementsOf(ids);

        // With the job's lock: one replica runs, the other finds the lock held.
        LocalDate later = base.plusDays(40);
        List<LicenceExpiryJob> replicas = List.of(
                new LicenceExpiryJob(notices, dataSource, Clock.systemUTC()),
                new LicenceExpiryJob(notices, dataSource, Clock.systemUTC()));
        List<Boolean> ran = together(
                2,
                new ArrayList<>(replicas)
                        .stream()
                                .<Callable<Boolean>>map(job -> () -> job.runOnce(later))
                                .toList());
        assertThat(ran).containsOnlyOnce(true);
        assertThat(jdbc.sql("SELECT count(*) FROM licence_expiry_notice WHERE run_date = :d AND superseded_by IS NULL")
                        .param("d", java.sql.Date.valueOf(later))
                        .query(Long.class)
                        .single())
                .as("40 days on, the licences of 50, 70 and 90 days are within 30, 30 and 60")
                .isEqualTo(3);
        assertThat(AnnotatedElementUtils.hasAnnotation(
                        LicenceExpiryJob.class.getDeclaredMethod("daily"), Scheduled.class))
                .isTrue();
    }

    /**
     * Over generated end dates and run dates: each (licence, threshold) is told at most once, thresholds get
     * tighter, and a licence within a threshold on a run date has been told at that threshold or a tighter one by
     * the end of that run.
     */
    @Test
    void eachThresholdIsNoticedAtMostOnceAndEveryCrossingByTheRunAfterIt() {
        qt().withExamples(15)
                .withShrinkCycles(5)
                .forAll(
                        lists().of(integers().between(0, 200)).ofSizeBetween(1, 4),
                        lists().of(integers().between(0, 220)).ofSizeBetween(1, 12))
                .checkAssert((ends, runDays) -> {
                    LocalDate base = era();
                    Map<Long, LocalDate> endOf = new HashMap<>();
                    for (int end : ends) {
                        LocalDate until = base.plusDays(end);
                        endOf.put(licence("Gen " + end, base.minusDays(400), until), until);
                    }
                    Set<String> told = new HashSet<>();
                    Map<Long, Integer> lastThreshold = new HashMap<>();
                    for (int day : new TreeSet<>(runDays)) {
                        LocalDate today = base.plusDays(day);
                        notices.run(today)
                                .ifPresent(batch -> batch.licences().forEach(n -> {
                                    assertThat(told.add(n.licenceId() + ":" + n.thresholdDays()))
                                            .as("told twice: %s at %s", n, today)
                                            .isTrue();
                                    Integer before = lastThreshold.put(n.licenceId(), n.thresholdDays());
                                    assertThat(before == null || before > n.thresholdDays())
                                            .as("thresholds get tighter")
                                            .isTrue();
                                }));
                        for (var licence : endOf.entrySet()) {
                            for (int threshold : LicenceExpiryThresholds.crossed(today, licence.getValue())) {
                                assertThat(lastThreshold.get(licence.getKey()))
                                        .as(
                                                "licence ending %s within %d days on %s",
                                                licence.getValue(), threshold, today)
                                        .isNotNull()
                                        .isLessThanOrEqualTo(threshold);
                            }
                        }
                    }
                });
    }

    private long licence(String name, LocalDate from, LocalDate until) {
        return licences.register(
                        LicenceDetails.builder(name, LicenceMetric.PER_DEVICE)
                                .products(product)
                                .quantity(10)
                                .valid(from, until)
                                .build(),
                        LICENCE_ADMIN)
                .id();
    }

    private static LocalDate era() {
        return LocalDate.of(2100, 1, 1).plusDays(1000L * ERA.incrementAndGet());
    }

    private static List<Integer> thresholds(Batch batch, long licence) {
        return batch.licences().stream()
                .filter(n -> n.licenceId() == licence)
                .map(Noticed::thresholdDays)
                .toList();
    }

    private static <T> List<T> together(int threads, Callable<T> task) throws Exception {
        List<Callable<T>> tasks = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            tasks.add(task);
        }
        return together(threads, tasks);
    }

    private static <T> List<T> together(int threads, List<Callable<T>> tasks) throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<T>> futures = new ArrayList<>();
            for (Callable<T> task : tasks) {
                futures.add(pool.submit(() -> {
                    start.await();
                    return task.call();
                }));
            }
            start.countDown();
            List<T> results = new ArrayList<>();
            for (Future<T> future : futures) {
                results.add(future.get());
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }
}
