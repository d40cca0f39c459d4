package pl.krakow.coi.servicedesk.search;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Inserts many tickets straight into PostgreSQL (one INSERT … SELECT over generate_series), with Polish
 * titles and descriptions from the routing training examples across the catalogue's categories, a
 * third of them resolved with a resolution note. Numbers use the year 2019, which the registration
 * sequences of the tests never reach. No outbox rows: a reindex is what brings them into the index.
 */
final class GeneratedTickets {

    private static final String[] NOTES = {
        "Zrestartowano usługę i potwierdzono z użytkownikiem, że działa.",
        "Wymieniono uszkodzony element, test poprawny.",
        "Przekazano instrukcję postępowania, użytkownik potwierdził rozwiązanie.",
        "Poprawiono konfigurację po stronie serwera.",
        "Zaktualizowano sterownik i oprogramowanie.",
        "Nadano uprawnienia zgodnie z wnioskiem kierownika."
    };

    private GeneratedTickets() {}

    /** Inserts tickets numbered {@code from} to {@code to} (inclusive). */
    static void insert(JdbcClient jdbc, JsonMapper json, long from, long to) {
        List<String> titles = new ArrayList<>();
        List<String> descriptions = new ArrayList<>();
        List<String> categories = new ArrayList<>();
        try (InputStream in = GeneratedTickets.class.getResourceAsStream("/routing/training-examples.jsonl")) {
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (!line.isBlank()) {
                    JsonNode example = json.readTree(line);
                    titles.add(example.get("title").asString());
                    descriptions.add(example.get("description").asString());
                    categories.add(example.get("category").asString());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        jdbc.sql("""
                        INSERT INTO ticket (number, type, title, description, requester_username, requester_name,
                            requester_unit, channel, category_code, impact, urgency, priority, status, support_line,
                            assigned_unit, resolution, resolution_note, resolved_by_unit, resolved_by_line,
                            created_at, updated_at, resolved_at, handled_by_units, version)
                        SELECT 'INC-2019-' || lpad(g::text, 7, '0'), 'INCIDENT',
                            t.titles[1 + g % t.n],
                            t.descriptions[1 + g % t.n] || ' ' || t.descriptions[1 + (g * 7 + 3) % t.n],
                            'pracownik' || (g % 997), 'Pracownik ' || (g % 997),
                            (ARRAY['KP-01', 'KP-02', 'KP-03', 'KP-04', 'KP-05', 'PO'])[1 + g % 6],
                            (ARRAY['PORTAL', 'EMAIL', 'PHONE'])[1 + g % 3],
                            t.categories[1 + g % t.n], 'MEDIUM', 'MEDIUM', 'P3',
                            CASE WHEN g % 3 = 0 THEN 'RESOLVED' ELSE 'NEW' END, 'FIRST', 'IT-02-2',
                            CASE WHEN g % 3 = 0 THEN 'FIXED' END,
                            CASE WHEN g % 3 = 0 THEN t.notes[1 + g % array_length(t.notes, 1)] END,
                            CASE WHEN g % 3 = 0 THEN 'IT-02-2' END,
                            CASE WHEN g % 3 = 0 THEN 'FIRST' END,
                            timestamptz '2019-01-01 08:00+01' + g * interval '7 minutes',
                            timestamptz '2019-01-01 08:00+01' + g * interval '7 minutes',
                            CASE WHEN g % 3 = 0 THEN timestamptz '2019-01-01 09:00+01' + g * interval '7 minutes' END,
                            ARRAY['IT-02-2']::varchar[], 0
                        FROM generate_series(:from, :to) g,
                            (SELECT CAST(:titles AS text[]) titles, CAST(:descriptions AS text[]) descriptions,
                                    CAST(:categories AS text[]) categories, CAST(:notes AS text[]) notes,
                                    :n AS n) t
                        """)
                .param("from", from)
                .param("to", to)
                .param("titles", titles.toArray(String[]::new))
                .param("descriptions", descriptions.toArray(String[]::new))
                .param("categories", categories.toArray(String[]::new))
                .param("notes", NOTES)
                .param("n", titles.size())
                .update();
        jdbc.sql("ANALYZE ticket").update();
    }
}
