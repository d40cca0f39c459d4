package pl.krakow.coi.servicedesk.notification;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An operator overrides a template, the layout or a subject from {@code servicedesk.notifications.templates-directory}
 * while the application runs: the next mail uses the file; whatever the directory does not hold stays built in.
 */
class NotificationTemplateOverrideTest {

    @TempDir
    Path directory;

    static NotificationContent closed(Locale locale) {
        return new NotificationContent(
                NotificationKind.CLOSED,
                locale,
                "Anna Nowak",
                42L,
                "INC-2026-000123",
                "Drukarka nie drukuje",
                "CLOSED",
                false,
                "Jan Kowalski",
                null,
                null,
                null,
                "https://servicedesk.krakow.pl/tickets/42",
                List.of(),
                List.of());
    }

    NotificationTemplates templates(Duration ttl) {
        return new NotificationTemplates(
                new NotificationMailProperties("sd@coi.krakow.pl", null, directory, ttl, null));
    }

    @Test
    void a_template_written_to_the_directory_is_used_by_the_next_mail() throws IOException {
        NotificationTemplates templates = templates(Duration.ZERO);
        Locale pl = Locale.forLanguageTag("pl");
        assertThat(templates.render(closed(pl)).text()).contains("zostało zamknięte");

        write("pl/closed.txt", "Własny szablon: zgłoszenie [(${number})] zamknięte.\n");
        RenderedMail overridden = templates.render(closed(pl));

        assertThat(overridden.text()).isEqualTo("Własny szablon: zgłoszenie INC-2026-000123 zamknięte.\n");
        // The HTML the directory does not hold, and the other language, are still the built-in ones.
        assertThat(overridden.html()).contains("zostało zamknięte");
        assertThat(templates.render(closed(Locale.ENGLISH)).text()).contains("has been closed");

        write("pl/closed.txt", "Druga wersja: [(${number})]\n");
        assertThat(templates.render(closed(pl)).text()).isEqualTo("Druga wersja: INC-2026-000123\n");
    }

    @Test
    void the_layout_and_the_subjects_can_be_overridden_too() throws IOException {
        NotificationTemplates templates = templates(Duration.ZERO);
        write("layout.html", """
                <!DOCTYPE html>
                <html xmlns:th="http://www.thymeleaf.org" th:fragment="mail(content)">
                <body><h1>Urząd Miasta Krakowa</h1><div th:replace="${content}"></div></body>
                </html>
                """);
        // Per language: a messages_pl.properties of the operator overrides Polish only.
        write("messages_pl.properties", "subject.CLOSED=Sprawa zamknięta: {0}\n");

        RenderedMail mail = templates.render(closed(Locale.forLanguageTag("pl")));

        assertThat(mail.html()).contains("<h1>Urząd Miasta Krakowa</h1>", "zostało zamknięte");
        assertThat(mail.subject()).isEqualTo("[INC-2026-000123] Sprawa zamknięta: Drukarka nie drukuje");
        // A key the operator's bundle does not hold comes from the built-in one.
        assertThat(mail.text()).contains("Dzień dobry,");
        // The ticket number stays in front even when the operator's subject forgets it.
        assertThat(templates.render(closed(Locale.ENGLISH)).subject())
                .isEqualTo("[INC-2026-000123] Your ticket has been closed: Drukarka nie drukuje");
    }

    @Test
    void with_a_cache_ttl_a_changed_file_is_read_again_only_after_it() throws IOException {
        NotificationTemplates templates = templates(Duration.ofHours(1));
        write("pl/closed.txt", "Pierwsza: [(${number})]\n");
        assertThat(templates.render(closed(Locale.forLanguageTag("pl"))).text())
                .isEqualTo("Pierwsza: INC-2026-000123\n");

        write("pl/closed.txt", "Druga: [(${number})]\n");

        assertThat(templates.render(closed(Locale.forLanguageTag("pl"))).text())
                .isEqualTo("Pierwsza: INC-2026-000123\n");
    }

    @Test
    void an_override_can_format_other_dates_with_the_dates_helper() throws IOException {
        NotificationTemplates templates = templates(Duration.ZERO);
        write(
                "en/sla-warning.txt",
                "[(${dates.date(dueAt)})] / [(${dates.dateTime(dueAt)})] / [(${dates.dueBy(dueAt)})]");
        NotificationContent warning = new NotificationContent(
                NotificationKind.SLA_WARNING,
                Locale.ENGLISH,
                "Jan Kowalski",
                42L,
                "INC-2026-000123",
                "Drukarka",
                "IN_PROGRESS",
                false,
                null,
                "resolution",
                java.time.Instant.parse("2026-12-08T11:00:00Z"),
                null,
                null,
                List.of(),
                List.of());

        assertThat(templates.render(warning).text())
                .isEqualTo("8 December 2026 / Tuesday, 8 December 2026, 12:00 / by Tuesday, 8 December 2026, 12:00\n");
    }

    private void write(String name, String content) throws IOException {
        Path file = directory.resolve(name);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
    }
}
