package pl.krakow.coi.servicedesk.ingest.assets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class AssetRowProcessorTest {

    @Test
    void aDateIsReadAsLocalDateParseReadsIt() {
        for (String value : List.of(
                "2024-01-15", "2024-02-29", "0001-01-01", "9999-12-31", "2000-02-29", "+10000-01-01", "1970-01-01")) {
            assertThat(AssetRowProcessor.isoDate(value)).as(value).isEqualTo(LocalDate.parse(value));
        }
    }

    @Test
    void whatLocalDateParseRefusesIsRefused() {
        for (String value : List.of(
                "2023-02-29",
                "1900-02-29",
                "2024-13-01",
                "2024-00-10",
                "2024-04-31",
                "2024-01-00",
                "2024-1-15",
                "24-01-15",
                "2024/01/15",
                "15.01.2024",
                "2024-01-1x",
                "２０２４-01-15",
                "2024-01-15T00:00",
                "-2024-01-15x")) {
            assertThatExceptionOfType(DateTimeException.class)
                    .as("LocalDate.parse(%s)", value)
                    .isThrownBy(() -> LocalDate.parse(value));
            assertThatExceptionOfType(DateTimeException.class)
                    .as("isoDate(%s)", value)
                    .isThrownBy(() -> AssetRowProcessor.isoDate(value));
        }
    }
}
