package pl.krakow.coi.servicedesk.ingest.mail;

import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

/**
 * What a person wrote, without the quoted history and the signature, from the plain text of a mail:
 *
 * <ul>
 *   <li>everything from a reply header on: an attribution line ("On … wrote:", "W dniu … pisze:", "Dnia …
 *       napisał(a):", "Wiadomość napisana przez … w dniu …:", also wrapped over two lines), Outlook's
 *       "-----Original Message-----" / "-----Wiadomość oryginalna-----", and a "From:/Od:" line followed by a
 *       "Sent:/Wysłano:/Date:/Data:" line (Outlook's header block, with its line of underscores);
 *   <li>the trailing block of "&gt;"-quoted lines;
 *   <li>the signature after the sig dashes ("-- ", RFC 3676, also "--" whose space a client dropped);
 *   <li>mobile footers at the end ("Sent from my iPhone", "Wysłane z iPhone'a", "Wysłano z mojego …",
 *       "Pobierz Outlook dla …", "Get Outlook for …").
 * </ul>
 *
 * <p>A forwarded mail keeps everything (the forwarded message is its content): a subject starting with
 * "Fwd:"/"Fw:"/"PD:", a forward marker line, or a reply header with nothing written above it. Text that trimming
 * would empty is kept whole.
 */
final class QuoteTrimmer {

    private static final int FLAGS = Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE;

    private static final Pattern ATTRIBUTION_END = Pattern.compile(
            ".*(wrote|pisze|napisał\\(a\\)|napisał|napisała|napisal\\(a\\)|napisal|schrieb|a écrit|escribió)\\s*:\\s*$",
            FLAGS);

    private static final Pattern ATTRIBUTION_START =
            Pattern.compile("^(On|W dniu|Dnia|Am|Le|El|użytkownik|Wiadomość napisana przez)\\s.*", FLAGS);

    private static final Pattern IOS_PL = Pattern.compile("^Wiadomość napisana przez .+ w dniu .+:\\s*$", FLAGS);

    private static final Pattern TIME = Pattern.compile("\\d{1,2}:\\d{2}");

    private static final Pattern ORIGINAL = Pattern.compile(
            "^\\s*-{2,}\\s*(Original Message|Oryginalna wiadomość|Wiadomość oryginalna|Ursprüngliche Nachricht"
                    + "|Message d'origine)\\s*-{2,}\\s*$",
            FLAGS);

    private static final Pattern UNDERSCORES = Pattern.compile("^\\s*_{10,}\\s*$");

    private static final Pattern HEADER_FROM = Pattern.compile("^\\s*\\*?(Od|From|De|Von)\\s*:\\*?\\s*\\S.*", FLAGS);

    private static final Pattern HEADER_SENT =
            Pattern.compile("^\\s*\\*?(Wysłano|Wysłane|Sent|Date|Data|Datum|Gesendet|Envoyé)\\s*:\\*?\\s*\\S.*", FLAGS);

    private static final Pattern FORWARD_MARKER = Pattern.compile(
            "^\\s*(-{3,}\\s*(Forwarded message|Wiadomość przekazana dalej|Przekazana wiadomość|Wiadomość przekazana"
                    + "|Weitergeleitete Nachricht)\\s*-{3,}"
                    + "|(Begin forwarded message|Początek przekazywanej wiadomości|Początek przekazanej wiadomości)\\s*:)"
                    + "\\s*$",
            FLAGS);

    private static final Pattern FORWARD_SUBJECT =
            Pattern.compile("^\\s*(fwd?|pd|tr|wg)\\s*:.*", FLAGS | Pattern.DOTALL);

    private static final Pattern FOOTER = Pattern.compile(
            "^\\s*(Sent from .{1,60}|Sent with .{1,60}|Get Outlook for .{1,40}|Pobierz( aplikację)? Outlook dla .{1,40}"
                    + "|Wysłane z .{1,60}|Wysłano z .{1,60}|Wysłane przy użyciu .{1,60})\\s*$",
            FLAGS);

    private QuoteTrimmer() {}

    /**
     * The trimmed text.
     *
     * @param text the whole text, normalised
     * @param subject the decoded subject (a forward's prefix keeps the whole text)
     */
    static String trim(String text, String subject) {
        String whole = MailText.normalise(text);
        if (whole.isEmpty() || isForward(whole, subject)) {
            return whole;
        }
        List<String> lines = Arrays.asList(whole.split("\n", -1));
        int end = lines.size();
        int cut = replyHeader(lines);
        if (cut >= 0) {
            if (join(lines, 0, cut).isBlank()) {
                return whole; // nothing written above the quoted message: it is the content
            }
            end = cut;
        }
        end = beforeTrailingQuote(lines, end);
        for (int i = 0; i < end; i++) {
            String line = lines.get(i);
            if (line.equals("-- ") || line.equals("--")) {
                end = i;
                break;
            }
        }
        end = beforeFooters(lines, end);
        String trimmed = MailText.normalise(join(lines, 0, end));
        return trimmed.isEmpty() ? whole : trimmed;
    }

    /** Whether the mail forwards another: a forward's subject, or a forward marker before any reply header. */
    static boolean isForward(String text, String subject) {
        if (subject != null && FORWARD_SUBJECT.matcher(subject).matches()) {
            return true;
        }
        List<String> lines = Arrays.asList(text.split("\n", -1));
        int reply = replyHeader(lines);
        int limit = reply < 0 ? lines.size() : reply;
        for (int i = 0; i < limit; i++) {
            if (FORWARD_MARKER.matcher(lines.get(i)).matches()) {
                return true;
            }
        }
        return false;
    }

    /** The index of the first line of a reply header, or -1. */
    static int replyHeader(List<String> lines) {
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.startsWith(">")) {
                continue;
            }
            if (line.length() > 1000) {
                continue; // no reply header is that long (and the patterns need not scan it)
            }
            if (ORIGINAL.matcher(line).matches() || IOS_PL.matcher(line).matches()) {
                return i;
            }
            if (UNDERSCORES.matcher(line).matches()) {
                for (int j = i + 1; j < Math.min(lines.size(), i + 3); j++) {
                    if (HEADER_FROM.matcher(lines.get(j)).matches()) {
                        return i;
                    }
                }
            }
            if (HEADER_FROM.matcher(line).matches()) {
                for (int j = i + 1; j < Math.min(lines.size(), i + 4); j++) {
                    if (HEADER_SENT.matcher(lines.get(j)).matches()) {
                        return i;
                    }
                }
            }
            if (isAttribution(line, lines, i + 1)) {
                return i;
            }
            if (i + 1 < lines.size()
                    && line.length() > 10
                    && line.length() < 300
                    && !ATTRIBUTION_END.matcher(line).matches()
                    && !lines.get(i + 1).isBlank()
                    && lines.get(i + 1).length() < 40
                    && isAttribution(line + " " + lines.get(i + 1), lines, i + 2)) {
                return i; // an attribution wrapped over two lines
            }
        }
        return -1;
    }

    private static boolean isAttribution(String line, List<String> lines, int next) {
        if (line.length() > 300 || !ATTRIBUTION_END.matcher(line).matches()) {
            return false;
        }
        if (ATTRIBUTION_START.matcher(line.strip()).matches()
                || line.contains("@")
                || TIME.matcher(line).find()) {
            return true;
        }
        for (int j = next; j < lines.size(); j++) {
            if (!lines.get(j).isBlank()) {
                return lines.get(j).startsWith(">");
            }
        }
        return false;
    }

    // The start of the block of quoted (and blank) lines that ends the text, if it has a quoted line.
    private static int beforeTrailingQuote(List<String> lines, int end) {
        int start = end;
        boolean quoted = false;
        while (start > 0) {
            String line = lines.get(start - 1);
            if (line.startsWith(">")) {
                quoted = true;
            } else if (!line.isBlank()) {
                break;
            }
            start--;
        }
        return quoted ? start : end;
    }

    private static int beforeFooters(List<String> lines, int end) {
        int last = end;
        while (true) {
            while (last > 0 && lines.get(last - 1).isBlank()) {
                last--;
            }
            if (last > 0 && FOOTER.matcher(lines.get(last - 1)).matches()) {
                last--;
            } else {
                return last;
            }
        }
    }

    private static String join(List<String> lines, int from, int to) {
        return String.join("\n", lines.subList(from, Math.max(from, to)));
    }
}
