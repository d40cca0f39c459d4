package pl.krakow.coi.servicedesk.reporting.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import java.io.ByteArrayOutputStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;
import pl.krakow.coi.servicedesk.platform.security.CurrentUser;
import pl.krakow.coi.servicedesk.platform.security.CurrentUsers;
import pl.krakow.coi.servicedesk.reporting.ReportingProperties;
import pl.krakow.coi.servicedesk.reporting.kpi.KpiService;
import pl.krakow.coi.servicedesk.reporting.kpi.TicketRows;
import pl.krakow.coi.servicedesk.testing.TestUsers;

class CsvTest {

    @Test
    void fieldsWithSeparatorsQuotesOrLineBreaksAreQuoted() {
        StringWriter out = new StringWriter();
        Csv csv = new Csv(out);
        csv.line(Arrays.asList("INC-2026-000001", "Drukarka, pokój 12", "Komunikat \"błąd\"", "a\nb", null, ""));
        csv.flush();
        assertThat(out.toString())
                .isEqualTo("INC-2026-000001,\"Drukarka, pokój 12\",\"Komunikat \"\"błąd\"\"\",\"a\nb\",,\r\n");
    }

    @Test
    void cellsASpreadsheetWouldTakeForFormulasAreNeutralisedNumbersAreNot() {
        StringWriter out = new StringWriter();
        Csv csv = new Csv(out);
        csv.line(List.of("=HYPERLINK(\"http://x\",\"y\")", "-1+1", "@SUM(A1)", "+48 12", "-15", "2.5", "0"));
        csv.flush();
        assertThat(out.toString())
                .isEqualTo("\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\",'-1+1,'@SUM(A1),'+48 12,-15,2.5,0\r\n");
    }

    /**
     * The whole export as a client receives it: BOM, header, CRLF, formulas neutralised in text cells, numeric
     * KPI columns as they are, and text with {@code ;}, {@code "} and a line break read back whole by FastCSV.
     */
    @Test
    void theTicketExportIsSafeForSpreadsheetsAndReadsBackWhole() throws Exception {
        List<List<String>> tickets = List.of(
                row("INC-2026-0000001", "=HYPERLINK(\"http://x\",\"y\")", "-15", "42"),
                row("INC-2026-0000002", "-1+1", "0", "-3"),
                row("INC-2026-0000003", "Drukarka; pokój \"12\"\nparter", "7", "480"));
        byte[] export = export(tickets);

        assertThat(export).startsWith(0xEF, 0xBB, 0xBF);
        String text = new String(export, StandardCharsets.UTF_8).substring(1);
        assertThat(text).startsWith(String.join(",", TicketRows.COLUMNS) + "\r\n");
        List<CsvRecord> records = CsvReader.builder().ofCsvRecord(text).stream().toList();
        assertThat(records).hasSize(4);
        assertThat(records.get(0).getFields()).isEqualTo(TicketRows.COLUMNS);

        int category = TicketRows.COLUMNS.indexOf("category");
        int minutes = TicketRows.COLUMNS.indexOf("minutesToResolve");
        int reopens = TicketRows.COLUMNS.indexOf("reopenCount");
        assertThat(records.get(1).getField(category)).isEqualTo("'=HYPERLINK(\"http://x\",\"y\")");
        assertThat(records.get(2).getField(category)).isEqualTo("'-1+1");
        assertThat(records.get(3).getField(category)).isEqualTo("Drukarka; pokój \"12\"\nparter");
        assertThat(List.of(records.get(1).getField(minutes), records.get(2).getField(minutes)))
                .containsExactly("-15", "0");
        assertThat(List.of(records.get(1).getField(reopens), records.get(2).getField(reopens)))
                .containsExactly("42", "-3");
        assertThat(records.get(3).getFields())
                .as("every other cell as the index gave it")
                .isEqualTo(tickets.get(2));
    }

    private static List<String> row(String number, String category, String minutesToResolve, String reopenCount) {
        List<String> values = new ArrayList<>(Collections.nCopies(TicketRows.COLUMNS.size(), ""));
        values.set(0, number);
        values.set(TicketRows.COLUMNS.indexOf("category"), category);
        values.set(TicketRows.COLUMNS.indexOf("minutesToResolve"), minutesToResolve);
        values.set(TicketRows.COLUMNS.indexOf("reopenCount"), reopenCount);
        return values;
    }

    private static byte[] export(List<List<String>> tickets) throws Exception {
        CurrentUser director = TestUsers.manager("dyrektor", "COI-DYR");
        CurrentUsers users = mock(CurrentUsers.class);
        when(users.current()).thenReturn(director);
        TicketRows rows = mock(TicketRows.class);
        when(rows.forEach(any(), any(CurrentUser.class), anyInt(), any())).thenAnswer(call -> {
            Consumer<List<String>> sink = call.getArgument(3);
            tickets.forEach(sink);
            return (long) tickets.size();
        });
        ReportingProperties properties =
                new ReportingProperties(null, null, new ReportingProperties.Export(1000), null);
        ExportController controller =
                new ExportController(mock(KpiService.class), rows, mock(MonthlyReport.class), properties, users);
        StreamingResponseBody body = controller
                .tickets(LocalDate.of(2026, 9, 1), LocalDate.of(2026, 10, 1), null, null, null, null, null, null)
                .getBody();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        body.writeTo(out);
        return out.toByteArray();
    }
}
