package pl.krakow.coi.servicedesk.ingest.mail;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Message ids of {@code Message-ID}, {@code In-Reply-To} and {@code References}, tolerant of junk. */
final class MailIds {

    private static final Pattern BRACKETED = Pattern.compile("<\\s*([^<>\\s]+)\\s*>");

    private MailIds() {}

    /** The ids in a header value, without angle brackets, in order, each once. */
    static List<String> ids(String value) {
        List<String> ids = new ArrayList<>();
        if (value == null || value.isBlank()) {
            return ids;
        }
        String unfolded = MailText.unfold(value);
        Matcher m = BRACKETED.matcher(unfolded);
        while (m.find()) {
            add(ids, m.group(1));
        }
        if (ids.isEmpty()) {
            // Without brackets (broken clients): the tokens that look like ids.
            for (String token : unfolded.split("[\\s,;]+")) {
                String bare = bare(token);
                if (bare.indexOf('@') > 0) {
                    add(ids, bare);
                }
            }
        }
        return ids;
    }

    /** The first id of a header value, or null. */
    static String first(String value) {
        List<String> ids = ids(value);
        if (!ids.isEmpty()) {
            return ids.get(0);
        }
        String bare = value == null ? "" : bare(MailText.unfold(value));
        return bare.isEmpty() || bare.contains(" ") ? null : bare;
    }

    /** An id without white space, quotes and angle brackets. */
    static String bare(String id) {
        String s = id == null ? "" : id.strip();
        int from = 0;
        int to = s.length();
        while (from < to && "<\"' ".indexOf(s.charAt(from)) >= 0) {
            from++;
        }
        while (to > from && ">\"' ".indexOf(s.charAt(to - 1)) >= 0) {
            to--;
        }
        return s.substring(from, to).strip();
    }

    private static void add(List<String> ids, String id) {
        String bare = bare(id);
        if (!bare.isEmpty() && bare.length() <= 998 && !ids.contains(bare)) {
            ids.add(bare);
        }
    }
}
