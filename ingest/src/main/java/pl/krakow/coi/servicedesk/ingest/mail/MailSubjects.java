package pl.krakow.coi.servicedesk.ingest.mail;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import pl.krakow.coi.servicedesk.ticket.domain.TicketType;

/** What a subject says: the ticket number it carries, and the title it makes. */
final class MailSubjects {

    /** The ticket's title limit (the domain's {@code Ticket.TITLE_MAX}). */
    static final int TITLE_MAX = 200;

    static final String NO_SUBJECT = "(bez tematu)";

    /** Every ticket type's prefix, so a new type's numbers thread too. */
    private static final String PREFIXES =
            Arrays.stream(TicketType.values()).map(TicketType::prefix).collect(Collectors.joining("|"));

    private static final Pattern NUMBER =
            Pattern.compile("\\[\\s*((?:" + PREFIXES + ")-\\d{4}-\\d{6,})\\s*]", Pattern.CASE_INSENSITIVE);

    /**
     * Reply and forward prefixes of the clients the City Hall's people use: English, Polish (Odp, PD = "przesłane
     * dalej"), German (AW, WG), Nordic/French (SV, TR); with an optional counter ({@code Re[2]:}) or a space before
     * the colon, repeated.
     */
    private static final Pattern PREFIX = Pattern.compile(
            "^\\s*(?:re|odp|fwd?|pd|wg|aw|sv|tr)\\s*(?:\\[\\d+]|\\(\\d+\\))?\\s*[:：]\\s*",
            Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);

    private MailSubjects() {}

    /** The first ticket number in brackets ({@code [INC-2026-000123]}), upper-cased. */
    static Optional<String> number(String subject) {
        if (subject == null) {
            return Optional.empty();
        }
        Matcher m = NUMBER.matcher(subject);
        return m.find() ? Optional.of(m.group(1).toUpperCase(Locale.ROOT)) : Optional.empty();
    }

    /** The title a subject makes: without reply/forward prefixes and bracketed numbers, within the limit. */
    static String title(String subject) {
        String title = subject == null ? "" : subject;
        title = NUMBER.matcher(title).replaceAll(" ");
        title = title.replaceAll("[\\p{Cntrl}\\s]+", " ").strip();
        String before;
        do {
            before = title;
            title = PREFIX.matcher(title).replaceFirst("").strip();
        } while (!title.equals(before));
        if (title.isEmpty()) {
            return NO_SUBJECT;
        }
        return cut(title, TITLE_MAX);
    }

    /** {@code text} within {@code max} characters, an ellipsis where it was cut, never half a surrogate pair. */
    static String cut(String text, int max) {
        if (text.length() <= max) {
            return text;
        }
        int end = max - 1;
        if (Character.isHighSurrogate(text.charAt(end - 1))) {
            end--;
        }
        return text.substring(0, end).stripTrailing() + "…";
    }
}
