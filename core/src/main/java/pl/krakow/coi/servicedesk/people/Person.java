package pl.krakow.coi.servicedesk.people;

import java.time.Instant;
import java.util.List;

/**
 * A person of the City Hall or a city unit.
 *
 * @param language the language the person is written to in: {@code pl} (the default) or {@code en}
 * @param source where the record comes from ({@code directory}, {@code manual})
 * @param deactivatedAt when the directory stopped listing the person (null while active)
 */
public record Person(
        String username,
        String displayName,
        String email,
        String unitCode,
        String language,
        boolean active,
        String source,
        Instant createdAt,
        Instant updatedAt,
        Instant deactivatedAt) {

    /** The languages a person can be written to in, the first the default. */
    public static final List<String> LANGUAGES = List.of("pl", "en");

    /** The default language ({@code pl}). */
    public static final String DEFAULT_LANGUAGE = "pl";

    /** Whether {@code language} is one of {@link #LANGUAGES}. */
    public static boolean supportedLanguage(String language) {
        return language != null && LANGUAGES.contains(language);
    }
}
