package pl.krakow.coi.servicedesk.people;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The people register, in {@code person}. */
@Repository
public class People {

    private final JdbcClient jdbc;

    People(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<Person> find(String username) {
        return jdbc.sql("SELECT * FROM person WHERE username = :u")
                .param("u", username)
                .query(People::map)
                .optional();
    }

    /**
     * The one active person with this e-mail address, compared case-insensitively and trimmed. Empty when nobody
     * active has it, and also when several active people share it (a shared mailbox, a team's address): a mail from
     * such an address cannot say which of them wrote it, so the caller treats the sender as unknown.
     */
    public Optional<Person> findByEmail(String email) {
        if (email == null || email.isBlank()) {
            return Optional.empty();
        }
        List<Person> found =
                jdbc.sql("""
                        SELECT * FROM person WHERE lower(email) = lower(:email) AND active ORDER BY username LIMIT 2
                        """).param("email", email.strip()).query(People::map).list();
        return found.size() == 1 ? Optional.of(found.get(0)) : Optional.empty();
    }

    /** Active and inactive people of a unit or matching a text (name, username, e-mail), by name. */
    public List<Person> search(String unit, String text, boolean activeOnly, int page, int size) {
        return jdbc.sql("""
                        SELECT * FROM person
                        WHERE (CAST(:unit AS varchar) IS NULL OR unit_code = :unit)
                          AND (CAST(:q AS varchar) IS NULL OR lower(display_name) LIKE :q ESCAPE '\\'
                               OR lower(username) LIKE :q ESCAPE '\\' OR lower(email) LIKE :q ESCAPE '\\')
                          AND (NOT :activeOnly OR active)
                        ORDER BY lower(display_name), username LIMIT :size OFFSET :offset
                        """)
                .param("unit", unit)
                .param("q", text == null ? null : "%" + likeLiteral(text.toLowerCase(java.util.Locale.ROOT)) + "%")
                .param("activeOnly", activeOnly)
                .param("size", size)
                .param("offset", page * size)
                .query(People::map)
                .list();
    }

    /** {@code text} as a LIKE pattern matching itself: the wildcards and the escape character escaped. */
    static String likeLiteral(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }

    /**
     * Creates or updates a person (active again if they were not), keeping their language ({@code pl} for a new
     * person).
     *
     * @return whether anything changed
     */
    public boolean upsert(
            String username, String displayName, String email, String unitCode, String source, Instant now) {
        return upsert(username, displayName, email, unitCode, null, source, now);
    }

    /**
     * Creates or updates a person (active again if they were not).
     *
     * @param language {@code pl} or {@code en}; null keeps the stored one ({@code pl} for a new person)
     * @return whether anything changed
     * @throws IllegalArgumentException for another language
     */
    public boolean upsert(
            String username,
            String displayName,
            String email,
            String unitCode,
            String language,
            String source,
            Instant now) {
        if (language != null && !Person.supportedLanguage(language)) {
            throw new IllegalArgumentException("Unsupported language " + language);
        }
        return jdbc.sql("""
                                INSERT INTO person (username, display_name, email, unit_code, language, active, source,
                                    created_at, updated_at)
                                VALUES (:u, :name, :email, :unit, coalesce(CAST(:lang AS varchar), 'pl'), true, :source, :now, :now)
                                ON CONFLICT (username) DO UPDATE SET display_name = EXCLUDED.display_name,
                                    email = EXCLUDED.email, unit_code = EXCLUDED.unit_code,
                                    language = coalesce(CAST(:lang AS varchar), person.language), active = true,
                                    source = EXCLUDED.source, updated_at = EXCLUDED.updated_at, deactivated_at = NULL
                                WHERE (person.display_name, person.email, person.unit_code, person.language,
                                        person.active)
                                    IS DISTINCT FROM (EXCLUDED.display_name, EXCLUDED.email, EXCLUDED.unit_code,
                                        coalesce(CAST(:lang AS varchar), person.language), true)
                                """)
                        .param("u", username)
                        .param("name", displayName)
                        .param("email", email)
                        .param("unit", unitCode)
                        .param("lang", language)
                        .param("source", source)
                        .param("now", Timestamp.from(now))
                        .update()
                == 1;
    }

    /**
     * Sets a person's language.
     *
     * @return the person as stored, empty for an unknown username
     * @throws IllegalArgumentException for a language other than {@code pl} or {@code en}
     */
    public Optional<Person> setLanguage(String username, String language, Instant now) {
        if (!Person.supportedLanguage(language)) {
            throw new IllegalArgumentException("Unsupported language " + language);
        }
        jdbc.sql("""
                        UPDATE person SET language = :lang, updated_at = :now
                        WHERE username = :u AND language IS DISTINCT FROM :lang
                        """)
                .param("u", username)
                .param("lang", language)
                .param("now", Timestamp.from(now))
                .update();
        return find(username);
    }

    /** The active people of a unit that have an e-mail address, by username. */
    public List<Person> activeWithEmail(String unitCode) {
        return jdbc.sql("""
                        SELECT * FROM person WHERE unit_code = :unit AND active AND email IS NOT NULL AND email <> ''
                        ORDER BY username
                        """).param("unit", unitCode).query(People::map).list();
    }

    /** Deactivates the active people of {@code source} not in {@code seen}; returns how many. */
    public int deactivateMissing(String source, Collection<String> seen, Instant now) {
        return jdbc.sql("""
                        UPDATE person SET active = false, deactivated_at = :now, updated_at = :now
                        WHERE source = :source AND active AND NOT (username = ANY(:seen))
                        """)
                .param("source", source)
                .param("seen", seen.toArray(String[]::new))
                .param("now", Timestamp.from(now))
                .update();
    }

    private static Person map(ResultSet rs, int row) throws SQLException {
        Timestamp deactivated = rs.getTimestamp("deactivated_at");
        return new Person(
                rs.getString("username"),
                rs.getString("display_name"),
                rs.getString("email"),
                rs.getString("unit_code"),
                rs.getString("language"),
                rs.getBoolean("active"),
                rs.getString("source"),
                rs.getTimestamp("created_at").toInstant(),
                rs.getTimestamp("updated_at").toInstant(),
                deactivated == null ? null : deactivated.toInstant());
    }
}
