package pl.krakow.coi.servicedesk.notification;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/** Every kind of notification in both languages, rendered from the built-in templates. */
class NotificationTemplatesTest {

    static final Locale PL = Locale.forLanguageTag("pl");
    static final String NUMBER = "INC-2026-000123";
    static final String TITLE = "Drukarka w pokoju 214 nie drukuje";
    static final String TEXT = "Proszę sprawdzić kabel.\nPotem zrestartować drukarkę.";
    static final String SCRIPT = "<script>alert('x')</script>";
    /** Tuesday, 8 December 2026, 12:00 in Warsaw (CET, UTC+1). */
    static final Instant DUE = Instant.parse("2026-12-08T11:00:00Z");

    final NotificationTemplates templates = new NotificationTemplates(
            new NotificationMailProperties("Service Desk <sd@coi.krakow.pl>", null, null, Duration.ZERO, null));

    static Stream<Arguments> everyKindInEveryLanguage() {
        List<Arguments> all = new ArrayList<>();
        for (NotificationKind kind : NotificationKind.values()) {
            all.add(Arguments.of(kind, PL));
            all.add(Arguments.of(kind, Locale.ENGLISH));
        }
        return all.stream();
    }

    static NotificationContent content(
            NotificationKind kind, Locale locale, String title, String text, boolean security) {
        if (kind == NotificationKind.LICENCE_EXPIRING) {
            return new NotificationContent(
                    kind,
                    locale,
                    "Ewa Zielińska",
                    null,
                    null,
                    null,
                    null,
                    false,
                    null,
                    null,
                    null,
                    null,
                    "https://servicedesk.krakow.pl/licences",
                    List.of(),
                    List.of(
                            new NotificationContent.LicenceExpiry(
                                    "Microsoft 365 E3 – " + text,
                                    "Microsoft 365",
                                    Instant.parse("2027-01-06T12:00:00Z"),
                                    30),
                            new NotificationContent.LicenceExpiry(
                                    "AutoCAD LT", "Autodesk AutoCAD", Instant.parse("2027-01-01T10:00:00Z"), 30)));
        }
        return new NotificationContent(
                kind,
                locale,
                "Anna Nowak",
                42L,
                NUMBER,
                title,
                "IN_PROGRESS",
                security,
                "Jan Kowalski",
                text,
                DUE,
                "IT-02 Sieci i łączność",
                "https://servicedesk.krakow.pl/tickets/42",
                List.of(new NotificationContent.AttachmentLink(
                        "zrzut ekranu.png", 2048, "https://servicedesk.krakow.pl/attachments/7")),
                List.of());
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("everyKindInEveryLanguage")
    void every_kind_renders_its_subject_text_and_html_in_the_language(NotificationKind kind, Locale locale) {
        RenderedMail mail = templates.render(content(kind, locale, TITLE, TEXT, false));

        if (kind == NotificationKind.LICENCE_EXPIRING) {
            assertThat(mail.subject()).doesNotStartWith("[").contains("30");
            assertThat(mail.text()).contains("AutoCAD LT", "Autodesk AutoCAD", "Microsoft 365 E3");
            assertThat(mail.html()).contains("AutoCAD LT", "Autodesk AutoCAD");
            assertThat(mail.text()).contains(locale == PL ? "1 stycznia 2027" : "1 January 2027");
        } else {
            assertThat(mail.subject()).startsWith("[" + NUMBER + "] ");
            assertThat(mail.text()).contains(NUMBER);
            assertThat(mail.html()).contains(NUMBER);
        }
        // A plain-text alternative is really plain text, and the HTML is a document in the recipient's language.
        assertThat(mail.text()).isNotBlank().doesNotContain("<p>", "<html", "&lt;", "&amp;");
        assertThat(mail.html()).contains("<html lang=\"" + locale.getLanguage() + "\"");
        // Every phrase was found (Thymeleaf writes ??key_locale?? for a missing message).
        assertThat(mail.subject() + mail.text() + mail.html())
                .doesNotContain("??", "[[", "[(", "th:text", "th:if", "xmlns:th", "th:replace");
        assertThat(mail.subject()).doesNotContain("\n");
        // Key content of the kind, in its language.
        for (String expected : KEY_CONTENT.get(kind).get(locale == PL ? 0 : 1)) {
            assertThat(mail.text()).as("text of %s %s", kind, locale).contains(expected);
            assertThat(mail.html()).as("html of %s %s", kind, locale).contains(expected);
        }
    }

    /** What each kind must say, in Polish and in English (found in both the text and the HTML). */
    static final Map<NotificationKind, List<List<String>>> KEY_CONTENT = new EnumMap<>(NotificationKind.class);

    static {
        String quoteFirstLine = "Proszę sprawdzić kabel.";
        KEY_CONTENT.put(
                NotificationKind.TICKET_REGISTERED,
                List.of(
                        List.of(
                                "Przyjęliśmy Twoje zgłoszenie",
                                "Co dalej?",
                                "do wtorku, 8 grudnia 2026, 12:00",
                                TITLE,
                                "zrzut ekranu.png"),
                        List.of(
                                "We have registered your ticket",
                                "What happens next?",
                                "by Tuesday, 8 December 2026, 12:00",
                                TITLE)));
        KEY_CONTENT.put(
                NotificationKind.PUBLIC_COMMENT,
                List.of(
                        List.of("nowy komentarz", "Jan Kowalski", quoteFirstLine, "zrzut ekranu.png"),
                        List.of("new comment", "Jan Kowalski", quoteFirstLine)));
        KEY_CONTENT.put(
                NotificationKind.QUESTION,
                List.of(
                        List.of("czeka teraz na Twoją odpowiedź", "Jak odpowiedzieć?", quoteFirstLine),
                        List.of("waiting for your answer", "How to answer", quoteFirstLine)));
        KEY_CONTENT.put(
                NotificationKind.RESOLVED,
                List.of(
                        List.of(
                                "zostało rozwiązane",
                                "Opis rozwiązania",
                                quoteFirstLine,
                                "potwierdź rozwiązanie",
                                "otwórz zgłoszenie ponownie",
                                "https://servicedesk.krakow.pl/tickets/42"),
                        List.of(
                                "has been resolved",
                                "Resolution",
                                quoteFirstLine,
                                "confirm the resolution",
                                "reopen the ticket",
                                "https://servicedesk.krakow.pl/tickets/42")));
        KEY_CONTENT.put(NotificationKind.CLOSED, List.of(List.of("zostało zamknięte"), List.of("has been closed")));
        KEY_CONTENT.put(
                NotificationKind.UNIT_RECEIVED,
                List.of(
                        List.of(
                                "trafiło do kolejki jednostki",
                                "IT-02 Sieci i łączność",
                                "wtorek, 8 grudnia 2026, 12:00"),
                        List.of(
                                "is now in the queue of",
                                "IT-02 Sieci i łączność",
                                "Tuesday, 8 December 2026, 12:00")));
        KEY_CONTENT.put(
                NotificationKind.ASSIGNED_TO_YOU,
                List.of(
                        List.of("Przydzielono Ci zgłoszenie", "Jan Kowalski", "wtorek, 8 grudnia 2026, 12:00"),
                        List.of("has been assigned to you", "Jan Kowalski", "Tuesday, 8 December 2026, 12:00")));
        KEY_CONTENT.put(
                NotificationKind.REQUESTER_REPLIED,
                List.of(
                        List.of("Nowa odpowiedź zgłaszającego", quoteFirstLine),
                        List.of("The requester", "has answered", quoteFirstLine)));
        KEY_CONTENT.put(
                NotificationKind.SLA_WARNING,
                List.of(
                        List.of("Zbliża się termin SLA", "Cel SLA", "wtorek, 8 grudnia 2026, 12:00"),
                        List.of("is close", "SLA target", "Tuesday, 8 December 2026, 12:00")));
        KEY_CONTENT.put(
                NotificationKind.SLA_BREACHED,
                List.of(
                        List.of(
                                "Przekroczono termin SLA",
                                "Cel SLA",
                                "Termin upłynął",
                                "wtorek, 8 grudnia 2026, 12:00"),
                        List.of(
                                "has been breached",
                                "SLA target",
                                "It was due on",
                                "Tuesday, 8 December 2026, 12:00")));
        KEY_CONTENT.put(
                NotificationKind.REMOTE_HANDS_REQUESTED,
                List.of(
                        List.of(
                                "wsparcie na miejscu",
                                "Co trzeba zrobić",
                                quoteFirstLine,
                                "wtorek, 8 grudnia 2026, 12:00"),
                        List.of(
                                "Remote hands have been requested",
                                "What to do",
                                quoteFirstLine,
                                "Tuesday, 8 December 2026, 12:00")));
        KEY_CONTENT.put(
                NotificationKind.DEPUTY_ESCALATION,
                List.of(
                        List.of("eskalowane do Ciebie jako zastępcy dyrektora", "Powód eskalacji", quoteFirstLine),
                        List.of("escalated to you as deputy", "Reason for the escalation", quoteFirstLine)));
        KEY_CONTENT.put(
                NotificationKind.UNIT_BREACH,
                List.of(
                        List.of(
                                "W Twojej jednostce",
                                "IT-02 Sieci i łączność",
                                "przekroczono",
                                "wtorek, 8 grudnia 2026, 12:00"),
                        List.of("breached in your unit", "IT-02 Sieci i łączność", "Tuesday, 8 December 2026, 12:00")));
        KEY_CONTENT.put(
                NotificationKind.ATTACHMENT_QUARANTINED,
                List.of(
                        List.of("został zablokowany", "Plik i wynik skanowania", quoteFirstLine, "czystą"),
                        List.of("has been quarantined", "The file and the scan result", quoteFirstLine, "clean copy")));
        KEY_CONTENT.put(
                NotificationKind.LICENCE_EXPIRING,
                List.of(
                        List.of("wygasają w ciągu", "30", "6 stycznia 2027"),
                        List.of("expire within", "30", "6 January 2027")));
    }

    @Test
    void every_kind_has_its_key_content_listed() {
        assertThat(KEY_CONTENT).containsOnlyKeys(NotificationKind.values());
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("everyKindInEveryLanguage")
    void user_text_is_escaped_in_the_html(NotificationKind kind, Locale locale) {
        String title = "Okno " + SCRIPT + " & <b>";
        RenderedMail mail = templates.render(content(kind, locale, title, "Tekst " + SCRIPT, false));

        assertThat(mail.html()).doesNotContain("<script", "<b>");
        if (kind != NotificationKind.CLOSED && kind != NotificationKind.SLA_WARNING) {
            // Every kind that shows the text shows it escaped (not dropped).
            assertThat(mail.html()).contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;");
        }
        if (kind != NotificationKind.LICENCE_EXPIRING) {
            assertThat(mail.html()).contains("Okno &lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &lt;b&gt;");
            // The plain text is not HTML: it says what the person wrote.
            assertThat(mail.text()).contains(title);
        }
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("everyKindInEveryLanguage")
    void a_security_incident_tells_its_requester_only_the_number_and_state(NotificationKind kind, Locale locale) {
        RenderedMail mail = templates.render(content(kind, locale, TITLE, TEXT, true));
        if (!NotificationTemplates.REQUESTER_FACING.contains(kind)) {
            // Agents, units and the deputy read a security incident in full: the delivery side decides who they are.
            return;
        }

        String all = mail.subject() + mail.text() + mail.html();
        assertThat(all)
                .doesNotContain(
                        TITLE, "Proszę sprawdzić", "Jan Kowalski", "zrzut ekranu", "IT-02", "grudnia", "December");
        assertThat(mail.subject()).startsWith("[" + NUMBER + "] ");
        assertThat(mail.text()).contains(NUMBER, locale == PL ? "w realizacji" : "in progress");
        assertThat(mail.html()).contains(NUMBER, locale == PL ? "w realizacji" : "in progress");
    }

    @Test
    void the_answer_due_date_is_said_in_warsaw_time_in_the_recipients_language() {
        // 8 July 2026, 10:00 UTC is 12:00 in Warsaw in summer (CEST, UTC+2): a Wednesday.
        NotificationContent summer = new NotificationContent(
                NotificationKind.TICKET_REGISTERED,
                PL,
                "Anna Nowak",
                42L,
                NUMBER,
                TITLE,
                "NEW",
                false,
                null,
                null,
                Instant.parse("2026-07-08T10:00:00Z"),
                null,
                null,
                List.of(),
                List.of());

        assertThat(templates.render(summer).text())
                .contains("Odpowiedzi możesz się spodziewać do środy, 8 lipca 2026, 12:00.");
        assertThat(templates
                        .render(new NotificationContent(
                                NotificationKind.TICKET_REGISTERED,
                                Locale.UK,
                                "Anna Nowak",
                                42L,
                                NUMBER,
                                TITLE,
                                "NEW",
                                false,
                                null,
                                null,
                                Instant.parse("2026-07-08T10:00:00Z"),
                                null,
                                null,
                                List.of(),
                                List.of()))
                        .text())
                .contains("You can expect an answer by Wednesday, 8 July 2026, 12:00.");
    }

    @Test
    void the_footer_invites_a_reply_only_when_replies_reach_the_desk() {
        NotificationContent resolved = content(NotificationKind.RESOLVED, PL, TITLE, TEXT, false);
        RenderedMail silent = templates.render(resolved);
        assertThat(silent.text()).contains("Nie odpowiadaj na nią").doesNotContain("Możesz na nią odpowiedzieć");
        NotificationTemplates replying = new NotificationTemplates(new NotificationMailProperties(
                "Service Desk <sd@coi.krakow.pl>", null, null, Duration.ZERO, "Service Desk <helpdesk@coi.krakow.pl>"));
        RenderedMail invited = replying.render(resolved);
        assertThat(invited.text()).contains("Możesz na nią odpowiedzieć").doesNotContain("Nie odpowiadaj");
        assertThat(invited.html()).contains("Możesz na nią odpowiedzieć");
        assertThat(replying.render(content(NotificationKind.RESOLVED, Locale.ENGLISH, TITLE, TEXT, false))
                        .text())
                .contains("You can reply to it");
    }

    @Test
    void polish_is_the_language_unless_the_locale_says_english() {
        NotificationContent german = new NotificationContent(
                NotificationKind.CLOSED,
                Locale.GERMAN,
                "Anna Nowak",
                42L,
                NUMBER,
                TITLE,
                "CLOSED",
                false,
                null,
                null,
                null,
                null,
                null,
                List.of(),
                List.of());

        RenderedMail mail = templates.render(german);

        assertThat(mail.subject()).isEqualTo("[" + NUMBER + "] Twoje zgłoszenie zostało zamknięte: " + TITLE);
        assertThat(mail.html()).contains("<html lang=\"pl\"");
    }

    @Test
    void a_subject_is_one_line_whatever_the_title_holds() {
        NotificationContent crafted = new NotificationContent(
                NotificationKind.CLOSED,
                PL,
                "Anna Nowak",
                42L,
                NUMBER,
                "Awaria\r\nBcc: ktos@example.com",
                "CLOSED",
                false,
                null,
                null,
                null,
                null,
                null,
                List.of(),
                List.of());

        assertThat(templates.render(crafted).subject())
                .isEqualTo("[" + NUMBER + "] Twoje zgłoszenie zostało zamknięte: Awaria Bcc: ktos@example.com");
    }

    @Test
    void a_ticket_without_a_title_gets_a_subject_without_a_dangling_colon() {
        NotificationContent untitled = new NotificationContent(
                NotificationKind.RESOLVED,
                Locale.ENGLISH,
                "Anna Nowak",
                42L,
                NUMBER,
                null,
                "RESOLVED",
                false,
                null,
                null,
                null,
                null,
                null,
                List.of(),
                List.of());

        assertThat(templates.render(untitled).subject()).isEqualTo("[" + NUMBER + "] Your ticket has been resolved");
    }

    @ParameterizedTest
    @EnumSource(NotificationKind.class)
    void polish_subjects_are_written_in_polish(NotificationKind kind) {
        RenderedMail mail = templates.render(content(kind, PL, TITLE, TEXT, false));

        assertThat(mail.subject()).containsPattern("[ąćęłńóśźżĄĆĘŁŃÓŚŹŻ]|Licencje|SLA");
    }
}
