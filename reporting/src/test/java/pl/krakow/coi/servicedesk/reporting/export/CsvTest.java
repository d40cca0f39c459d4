package pl.krakow.coi.servicedesk.reporting.export;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringWriter;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class CsvTest {

    @Test
    void fieldsWithSeparatorsQuotesOrLineBreaksAreQuoted() {
        StringWriter out = new StringWriter();
        Csv.line(out, Arrays.asList("INC-2026-000001", "Drukarka, pokój 12", "Komunikat \"błąd\"", "a\nb", null, ""));
        assertThat(out.toString())
                .isEqualTo("INC-2026-000001,\"Drukarka, pokój 12\",\"Komunikat \"\"błąd\"\"\",\"a\nb\",,\r\n");
    }
}
