package pl.krakow.coi.servicedesk.licence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.spy;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import pl.krakow.coi.servicedesk.testing.IntegrationTest;

/**
 * The nightly compliance recomputation runs once across replicas: replicas whose schedules fire at the same
 * moment share the {@code shedlock} table, and only the one holding the lock recomputes.
 */
@IntegrationTest
class NightlyComplianceRecomputationIT {

    @Autowired
    Compliance compliance;

    @Autowired
    DataSource dataSource;

    @Autowired
    JdbcClient jdbc;

    @Test
    void replicasFiringTogetherRecomputeOnce() throws Exception {
        Compliance counted = spy(compliance);
        int replicas = 3;
        List<NightlyComplianceRecomputation> nightly = new ArrayList<>();
        for (int i = 0; i < replicas; i++) {
            // Each replica has its own lock provider over the same database, as separate processes would.
            nightly.add(new NightlyComplianceRecomputation(counted, dataSource));
        }
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService threads = Executors.newFixedThreadPool(replicas);
        try {
            List<Future<Boolean>> runs = new ArrayList<>();
            for (NightlyComplianceRecomputation replica : nightly) {
                runs.add(threads.submit((Callable<Boolean>) () -> {
                    start.await();
                    return replica.recomputeOnce();
                }));
            }
            start.countDown();
            List<Boolean> ran = new ArrayList<>();
            for (Future<Boolean> run : runs) {
                ran.add(run.get());
            }
            assertThat(ran).containsOnlyOnce(true);
        } finally {
            threads.shutdownNow();
        }
        verify(counted, times(1)).recomputeAll();

        // A replica whose clock fires a little later finds the lock still held.
        assertThat(nightly.get(0).recomputeOnce()).isFalse();
        verify(counted, times(1)).recomputeAll();
        assertThat(jdbc.sql("SELECT lock_until > now() FROM shedlock WHERE name = :name")
                        .param("name", NightlyComplianceRecomputation.LOCK)
                        .query(Boolean.class)
                        .single())
                .isTrue();
    }

    @Test
    void theRecomputationIsScheduledOnlyUnderTheLock() throws Exception {
        assertThat(AnnotatedElementUtils.hasAnnotation(Compliance.class.getMethod("recomputeAll"), Scheduled.class))
                .as("Compliance.recomputeAll itself would run on every replica")
                .isFalse();
        assertThat(AnnotatedElementUtils.hasAnnotation(
                        NightlyComplianceRecomputation.class.getDeclaredMethod("nightly"), Scheduled.class))
                .isTrue();
    }
}
