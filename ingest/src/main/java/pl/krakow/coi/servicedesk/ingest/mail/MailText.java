package pl.krakow.coi.servicedesk.ingest.mail;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Text decoding of mail: charsets (declared, aliased, guessed), 8-bit header bytes, RFC 2047 encoded-words,
 * {@code format=flowed} (RFC 3676) and whitespace normalisation. Pure functions.
 */
final class MailText {

    /** The Polish legacy charset: a superset of ISO-8859-2 for the letters, what old Windows clients send. */
    static final Charset WINDOWS_1250 = Charset.forName("windows-1250");

    static final Charset ISO_8859_2 = Charset.forName("ISO-8859-2");

    // Names seen in real mail that Java does not know, keyed by the name without punctuation, lower-cased.
    private static final Map<String, Charset> ALIASES = Map.ofEntries(
            Map.entry("utf8", StandardCharsets.UTF_8),
            Map.entry("unicode11utf8", StandardCharsets.UTF_8),
            Map.entry("unicode20utf8", StandardCharsets.UTF_8),
            Map.entry("xunicode20utf8", StandardCharsets.UTF_8),
            Map.entry("usascii", StandardCharsets.US_ASCII),
            Map.entry("ascii", StandardCharsets.US_ASCII),
            Map.entry("ansix341968", StandardCharsets.US_ASCII),
            Map.entry("iso88592", ISO_8859_2),
            Map.entry("latin2", ISO_8859_2),
            Map.entry("l2", ISO_8859_2),
            Map.entry("iso885921987", ISO_8859_2),
            Map.entry("windows1250", WINDOWS_1250),
            Map.entry("win1250", WINDOWS_1250),
            Map.entry("cp1250", WINDOWS_1250),
            Map.entry("xcp1250", WINDOWS_1250),
            Map.entry("mswin1250", WINDOWS_1250),
            Map.entry("windowsee", WINDOWS_1250),
            Map.entry("iso88591", StandardCharsets.ISO_8859_1),
            Map.entry("latin1", StandardCharsets.ISO_8859_1),
            Map.entry("windows1252", Charset.forName("windows-1252")),
            Map.entry("cp1252", Charset.forName("windows-1252")));

    private static final String POLISH_LETTERS = "ąćęłńóśźżĄĆĘŁŃÓŚŹŻ";

    private static final Pattern ENCODED_WORD = Pattern.compile("=\\?([^?\\s]+)\\?([QqBb])\\?([^?]*)\\?=");

    private MailText() {}

    /**
     * The charset a declared name means: Java's own names and aliases, then the spellings real clients use
     * ({@code cp1250}, {@code iso8859-2}, {@code x-unicode20utf8}, {@code utf8}); null when unknown or not supported.
     */
    static Charset charset(String declared) {
        if (declared == null) {
            return null;
        }
        String name = declared.strip();
        if (name.length() > 1 && name.startsWith("\"") && name.endsWith("\"")) {
            name = name.substring(1, name.length() - 1).strip();
        }
        int language = name.indexOf('*'); // RFC 2231 language suffix: utf-8*pl
        if (language > 0) {
            name = name.substring(0, language);
        }
        if (name.isEmpty() || name.length() > 64) {
            return null;
        }
        try {
            if (Charset.isSupported(name)) {
                return Charset.forName(name);
            }
        } catch (IllegalArgumentException e) {
            // An illegal name (spaces, odd characters): try the spellings below.
        }
        String key = name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
        Charset known = ALIASES.get(key);
        if (known == null && key.startsWith("x")) {
            known = ALIASES.get(key.substring(1));
        }
        return known;
    }

    /** Whether the bytes are well-formed UTF-8. */
    static boolean isUtf8(byte[] bytes) {
        try {
            StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    static boolean isAscii(byte[] bytes) {
        for (byte b : bytes) {
            if (b < 0) {
                return false;
            }
        }
        return true;
    }

    /**
     * Bytes of no declared charset: UTF-8 when they are UTF-8 (also with a stray bad byte among many good multi-byte
     * sequences, which Windows-1250 text never has), else Windows-1250, or ISO-8859-2 where that reads as more Polish.
     */
    static String guess(byte[] bytes) {
        if (looksUtf8(bytes)) {
            return new String(bytes, StandardCharsets.UTF_8);
        }
        // Windows-1250 and ISO-8859-2 share most Polish letters but not ą ś ź Ą Ś Ź (and š ť ž): where reading the
        // bytes as ISO-8859-2 gives more Polish letters, they were ISO-8859-2.
        String windows = new String(bytes, WINDOWS_1250);
        String iso = new String(bytes, ISO_8859_2);
        return polishLetters(iso) > polishLetters(windows) ? iso : windows;
    }

    private static int polishLetters(String text) {
        int count = 0;
        for (int i = 0; i < text.length(); i++) {
            if (POLISH_LETTERS.indexOf(text.charAt(i)) >= 0) {
                count++;
            }
        }
        return count;
    }

    // Counts well-formed multi-byte sequences against bytes that fit none.
    private static boolean looksUtf8(byte[] bytes) {
        int good = 0;
        int bad = 0;
        int i = 0;
        while (i < bytes.length) {
            int b = bytes[i] & 0xFF;
            if (b < 0x80) {
                i++;
                continue;
            }
            int length = b >= 0xC2 && b <= 0xDF ? 2 : b >= 0xE0 && b <= 0xEF ? 3 : b >= 0xF0 && b <= 0xF4 ? 4 : 0;
            boolean ok = length > 0 && i + length <= bytes.length;
            for (int k = 1; ok && k < length; k++) {
                ok = (bytes[i + k] & 0xC0) == 0x80;
            }
            if (ok) {
                good++;
                i += length;
            } else {
                bad++;
                i++;
            }
        }
        return bad == 0 || good >= 4 * bad;
    }

    /**
     * The text of a body in its declared charset. A missing charset is guessed; an unknown one is read only where
     * that is unambiguous (ASCII bytes, or valid UTF-8).
     *
     * @throws UnknownCharset when the charset is unknown and the bytes could be anything
     */
    static String decode(byte[] bytes, String declared) throws UnknownCharset {
        if (declared == null || declared.isBlank()) {
            return stripBom(guess(bytes));
        }
        Charset charset = charset(declared);
        if (charset == null) {
            if (isAscii(bytes) || isUtf8(bytes)) {
                return stripBom(new String(bytes, StandardCharsets.UTF_8));
            }
            throw new UnknownCharset(declared);
        }
        if (charset.equals(StandardCharsets.US_ASCII) && !isAscii(bytes)) {
            // "us-ascii" declared over 8-bit bytes: a client that did not say what it wrote.
            return stripBom(guess(bytes));
        }
        if (charset.equals(StandardCharsets.ISO_8859_1) && !isAscii(bytes) && isUtf8(bytes)) {
            return stripBom(new String(bytes, StandardCharsets.UTF_8));
        }
        try {
            CharBuffer chars = charset.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPLACE)
                    .onUnmappableCharacter(CodingErrorAction.REPLACE)
                    .decode(ByteBuffer.wrap(bytes));
            return stripBom(c1AsWindows(chars.toString(), charset));
        } catch (CharacterCodingException | RuntimeException e) {
            return stripBom(guess(bytes));
        }
    }

    /**
     * ISO-8859-2 (or -1) text holding C1 control characters: those bytes were Windows-1250 (-1252) punctuation that
     * Outlook writes under the ISO label („ ” – …), as browsers read them too.
     */
    private static String c1AsWindows(String text, Charset charset) {
        Charset windows = charset.equals(ISO_8859_2)
                ? WINDOWS_1250
                : charset.equals(StandardCharsets.ISO_8859_1) ? Charset.forName("windows-1252") : null;
        if (windows == null) {
            return text;
        }
        StringBuilder out = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c >= 0x80 && c <= 0x9F) {
                if (out == null) {
                    out = new StringBuilder(text);
                }
                out.setCharAt(i, new String(new byte[] {(byte) c}, windows).charAt(0));
            }
        }
        return out == null ? text : out.toString();
    }

    private static String stripBom(String text) {
        return !text.isEmpty() && text.charAt(0) == '\uFEFF' ? text.substring(1) : text;
    }

    /**
     * A header value as Jakarta Mail read it (each byte one char, ISO-8859-1) turned back into bytes and read as
     * UTF-8 when they are valid UTF-8, else as Windows-1250: the 8-bit headers of broken clients. A value that
     * already holds chars above U+00FF was decoded by someone else and is kept.
     */
    static String fix8bit(String raw) {
        if (raw == null) {
            return null;
        }
        boolean high = false;
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c > 0xFF) {
                return raw;
            }
            high |= c >= 0x80;
        }
        if (!high) {
            return raw;
        }
        return guess(raw.getBytes(StandardCharsets.ISO_8859_1));
    }

    /** Unfolds a header value (RFC 5322 folding: a line break followed by white space). */
    static String unfold(String value) {
        return value == null ? null : value.replaceAll("\\r?\\n(?=[ \\t])", "").replaceAll("[\\r\\n]", "");
    }

    /**
     * A header's text: 8-bit bytes read, unfolded, RFC 2047 encoded-words decoded (leniently: also inside words, and
     * adjacent words of one charset joined before decoding, so a character split between two words survives), on
     * one line.
     */
    static String headerText(String raw) {
        if (raw == null) {
            return null;
        }
        return singleLine(decodeWords(unfold(fix8bit(raw))));
    }

    /** A one-line text: control characters (line breaks an encoded-word smuggled in, NULs) as spaces, stripped. */
    static String singleLine(String text) {
        return text == null ? null : text.replaceAll("\\p{Cntrl}+", " ").strip();
    }

    /** Decodes the RFC 2047 encoded-words in a text; white space between two encoded-words is dropped. */
    static String decodeWords(String text) {
        if (text == null || !text.contains("=?")) {
            return text;
        }
        Matcher m = ENCODED_WORD.matcher(text);
        StringBuilder out = new StringBuilder(text.length());
        ByteArrayOutputStream pending = new ByteArrayOutputStream();
        String pendingCharset = null;
        int last = 0;
        while (m.find()) {
            String between = text.substring(last, m.start());
            boolean adjacent = pendingCharset != null && between.isBlank();
            String charsetName = m.group(1);
            if (!adjacent || !charsetName.equalsIgnoreCase(pendingCharset)) {
                flush(out, pending, pendingCharset);
                pendingCharset = null;
                if (!adjacent) {
                    out.append(between);
                }
            }
            byte[] bytes = m.group(2).equalsIgnoreCase("B") ? base64(m.group(3)) : qWord(m.group(3));
            pending.writeBytes(bytes);
            pendingCharset = charsetName;
            last = m.end();
        }
        flush(out, pending, pendingCharset);
        out.append(text.substring(last));
        return out.toString();
    }

    private static void flush(StringBuilder out, ByteArrayOutputStream pending, String charsetName) {
        if (charsetName == null) {
            return;
        }
        byte[] bytes = pending.toByteArray();
        pending.reset();
        Charset charset = charset(charsetName);
        if (charset == null || (charset.equals(StandardCharsets.US_ASCII) && !isAscii(bytes))) {
            out.append(guess(bytes));
        } else {
            out.append(new String(bytes, charset));
        }
    }

    private static byte[] qWord(String word) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(word.length());
        for (int i = 0; i < word.length(); i++) {
            char c = word.charAt(i);
            if (c == '_') {
                out.write(' ');
            } else if (c == '='
                    && i + 2 < word.length()
                    && hex(word.charAt(i + 1)) >= 0
                    && hex(word.charAt(i + 2)) >= 0) {
                out.write(hex(word.charAt(i + 1)) * 16 + hex(word.charAt(i + 2)));
                i += 2;
            } else if (c < 0x100) {
                out.write(c);
            } else {
                out.writeBytes(String.valueOf(c).getBytes(StandardCharsets.UTF_8));
            }
        }
        return out.toByteArray();
    }

    private static int hex(char c) {
        return Character.digit(c, 16);
    }

    /** Lenient base64: characters outside the alphabet skipped, a missing or broken tail dropped. */
    static byte[] base64(String text) {
        byte[] in = text.getBytes(StandardCharsets.ISO_8859_1);
        return base64(in, 0, in.length);
    }

    /** Lenient base64 over bytes, as {@link #base64(String)}. */
    static byte[] base64(byte[] in, int from, int to) {
        ByteArrayOutputStream out = new ByteArrayOutputStream((to - from) * 3 / 4 + 3);
        int buffer = 0;
        int bits = 0;
        for (int i = from; i < to; i++) {
            int v = base64Value(in[i]);
            if (v < 0) {
                if (in[i] == '=') {
                    // Padding: the group ends here; a new group may follow (concatenated base64 from broken encoders).
                    buffer = 0;
                    bits = 0;
                }
                continue;
            }
            buffer = (buffer << 6) | v;
            bits += 6;
            if (bits >= 8) {
                bits -= 8;
                out.write((buffer >> bits) & 0xFF);
            }
        }
        return out.toByteArray();
    }

    private static int base64Value(byte b) {
        if (b >= 'A' && b <= 'Z') {
            return b - 'A';
        }
        if (b >= 'a' && b <= 'z') {
            return b - 'a' + 26;
        }
        if (b >= '0' && b <= '9') {
            return b - '0' + 52;
        }
        if (b == '+' || b == '-') {
            return 62;
        }
        if (b == '/' || b == '_') {
            return 63;
        }
        return -1;
    }

    /**
     * Quoted-printable (RFC 2045), leniently: an {@code =} not followed by two hex digits or a line end is kept as it
     * is.
     */
    static byte[] quotedPrintable(byte[] in) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(in.length);
        for (int i = 0; i < in.length; i++) {
            byte b = in[i];
            if (b != '=') {
                out.write(b);
                continue;
            }
            if (i + 1 < in.length && in[i + 1] == '\n') {
                i += 1;
            } else if (i + 2 < in.length && in[i + 1] == '\r' && in[i + 2] == '\n') {
                i += 2;
            } else if (i + 2 < in.length && hex((char) in[i + 1]) >= 0 && hex((char) in[i + 2]) >= 0) {
                out.write(hex((char) in[i + 1]) * 16 + hex((char) in[i + 2]));
                i += 2;
            } else if (i + 1 == in.length || (i + 2 == in.length && in[i + 1] == '\r')) {
                break; // a soft break at the very end
            } else {
                // Soft line break with trailing white space before the line end ("= \r\n") is a soft break too.
                int j = i + 1;
                while (j < in.length && (in[j] == ' ' || in[j] == '\t')) {
                    j++;
                }
                if (j > i + 1 && j < in.length && (in[j] == '\n' || in[j] == '\r')) {
                    i = in[j] == '\r' && j + 1 < in.length && in[j + 1] == '\n' ? j + 1 : j;
                } else {
                    out.write(b);
                }
            }
        }
        return out.toByteArray();
    }

    /**
     * Decodes {@code format=flowed} (RFC 3676): space-stuffing removed, soft line breaks (a line ending in a space)
     * joined into paragraphs, with {@code delSp} the space before them deleted. Quoted lines keep their depth as
     * {@code >} marks.
     */
    static String unflow(String text, boolean delSp) {
        String[] lines = text.replace("\r\n", "\n").replace('\r', '\n').split("\n", -1);
        StringBuilder out = new StringBuilder(text.length());
        StringBuilder paragraph = null;
        int paragraphDepth = 0;
        for (String line : lines) {
            int depth = 0;
            while (depth < line.length() && line.charAt(depth) == '>') {
                depth++;
            }
            String content = line.substring(depth);
            if (content.startsWith(" ")) {
                content = content.substring(1); // space-stuffing (or the space after the quote marks)
            }
            boolean signature = content.equals("-- ");
            boolean flowed = !signature && content.endsWith(" ");
            if (paragraph != null && depth != paragraphDepth) {
                emit(out, paragraph, paragraphDepth);
                paragraph = null;
            }
            if (paragraph == null) {
                paragraph = new StringBuilder();
                paragraphDepth = depth;
            }
            paragraph.append(flowed && delSp ? content.substring(0, content.length() - 1) : content);
            if (!flowed) {
                emit(out, paragraph, paragraphDepth);
                paragraph = null;
            }
        }
        if (paragraph != null) {
            emit(out, paragraph, paragraphDepth);
        }
        if (out.length() > 0) {
            out.setLength(out.length() - 1);
        }
        return out.toString();
    }

    private static void emit(StringBuilder out, StringBuilder paragraph, int depth) {
        if (depth > 0) {
            out.append(">".repeat(depth));
            if (!paragraph.isEmpty()) {
                out.append(' ');
            }
        }
        String line = paragraph.toString();
        out.append(line.equals("-- ") ? line : line.stripTrailing()).append('\n');
    }

    /**
     * Normalised text: line ends {@code \n}, no-break and zero-width spaces made plain, trailing white space of each
     * line removed (but the signature dashes {@code "-- "} kept), no more than two blank lines in a row, trimmed ends.
     */
    static String normalise(String text) {
        if (text == null) {
            return "";
        }
        String t = text.replace("\r\n", "\n")
                .replace('\r', '\n')
                .replace('\u00A0', ' ')
                .replace("\uFEFF", "")
                .replace("\u200B", "");
        StringBuilder out = new StringBuilder(t.length());
        for (String line : t.split("\n", -1)) {
            out.append(line.equals("-- ") ? line : line.stripTrailing()).append('\n');
        }
        String joined = out.toString().replaceAll("\n{4,}", "\n\n\n");
        return joined.strip();
    }

    /** A declared charset that is unknown, over bytes that are not plain ASCII or UTF-8. */
    static final class UnknownCharset extends Exception {
        UnknownCharset(String charset) {
            super("unknown charset: " + charset);
        }
    }
}
