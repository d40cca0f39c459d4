package pl.krakow.coi.servicedesk.ingest.batch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.springframework.batch.core.step.skip.SkipLimitExceededException;

/**
 * What decides and joins the parts of a partitioned import: the rows that share a key, and the count of skipped
 * rows.
 */
class PartsTest {

    @Test
    void firstRowsRemembersTheFirstRowOfEveryKeyAcrossGrowth() {
        CsvPartitioner.FirstRows first = new CsvPartitioner.FirstRows();
        for (int row = 0; row < 300_000; row++) {
            assertThat(first.putIfAbsent(CsvPartitioner.hash("serialNumber:S" + row), row))
                    .isEqualTo(-1);
        }
        for (int row = 0; row < 300_000; row += 997) {
            assertThat(first.putIfAbsent(CsvPartitioner.hash("serialNumber:S" + row), 400_000))
                    .as("key of row %d", row)
                    .isEqualTo(row);
        }
    }

    @Test
    void aKeyNamedAgainInAnotherPartIsFoundAtItsLaterRow() {
        CsvPartitioner.SharedKeys keys = new CsvPartitioner.SharedKeys();
        for (long row = 0; row < 1000; row++) {
            keys.add(CsvPartitioner.hash("serialNumber:S" + row), row);
        }
        keys.add(CsvPartitioner.hash("serialNumber:S10"), 400); // rows 10 and 400: both in the first half
        assertThat(keys.firstAcross(1000, 2)).as("two halves").isEqualTo(-1);
        assertThat(keys.firstAcross(1000, 4))
                .as("four quarters: row 400 is in the second")
                .isEqualTo(400);

        keys.add(CsvPartitioner.hash("serialNumber:S20"), 999);
        keys.add(CsvPartitioner.hash("serialNumber:S30"), 600);
        assertThat(keys.firstAcross(1000, 2))
                .as("the earliest of the later rows")
                .isEqualTo(600);
    }

    @Test
    void keysOfDifferentKindsOrValuesHashApart() {
        Set<Long> hashes = new HashSet<>();
        for (int i = 0; i < 100_000; i++) {
            hashes.add(CsvPartitioner.hash("serialNumber:CZC" + i + "X"));
            hashes.add(CsvPartitioner.hash("inventoryNumber:CZC" + i + "X"));
        }
        assertThat(hashes).hasSize(200_000).doesNotContain(0L);
    }

    @Test
    void thePartsOfARunShareOneSkipLimit() {
        AtomicLong skipped = new AtomicLong();
        SkipReport part0 = new SkipReport(1, 3, null, skipped);
        SkipReport part1 = new SkipReport(1, 3, null, skipped);
        RowRejected rejected = new RowRejected(2, "class", "TOASTER", "There is no CMDB class TOASTER");

        assertThat(part0.shouldSkip(rejected, 0)).isTrue();
        skipped.set(2); // the other part skipped two rows
        assertThat(part0.shouldSkip(rejected, 0)).isTrue();
        skipped.set(3);
        assertThatThrownBy(() -> part1.shouldSkip(rejected, 0)).isInstanceOf(SkipLimitExceededException.class);
        assertThat(part1.shouldSkip(new IllegalStateException("not a row's fault"), 0))
                .as("only a rejected row is skipped")
                .isFalse();
    }
}
