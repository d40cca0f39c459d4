package pl.krakow.coi.servicedesk.attachment;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.Locale;
import java.util.Set;

/**
 * File names as the service keeps and serves them: the last segment of whatever path a client sent, in Unicode
 * NFC (Polish letters survive), without control, format or reserved characters, never a Windows device name,
 * at most {@value #MAX_BYTES} bytes of UTF-8 with the extension kept.
 */
final class FileNames {

    static final int MAX_BYTES = 255;
    static final String FALLBACK = "attachment";

    private static final String RESERVED = "<>:\"/\\|?*";
    private static final Set<String> DEVICES = Set.of(
            "CON", "PRN", "AUX", "NUL", "COM1", "COM2", "COM3", "COM4", "COM5", "COM6", "COM7", "COM8", "COM9", "LPT1",
            "LPT2", "LPT3", "LPT4", "LPT5", "LPT6", "LPT7", "LPT8", "LPT9");

    private FileNames() {}

    /** The name to keep for {@code raw}; {@link #FALLBACK} when nothing usable is left. */
    static String sanitise(String raw) {
        if (raw == null) {
            return FALLBACK;
        }
        String name = Normalizer.normalize(raw, Normalizer.Form.NFC);
        // Only the last segment: a client's directories (or a traversal) are none of the service's business.
        int slash = Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\'));
        name = name.substring(slash + 1);
        StringBuilder clean = new StringBuilder(name.length());
        name.codePoints().forEach(c -> {
            int type = Character.getType(c);
            boolean invisible = type == Character.CONTROL
                    || type == Character.FORMAT // bidirectional overrides make "exe.png" of "png.exe"
                    || type == Character.UNASSIGNED
                    || type == Character.PRIVATE_USE
                    || type == Character.SURROGATE
                    || type == Character.LINE_SEPARATOR
                    || type == Character.PARAGRAPH_SEPARATOR;
            if (invisible) {
                return;
            }
            if (RESERVED.indexOf(c) >= 0) {
                clean.append('_');
            } else if (Character.isWhitespace(c) || Character.isSpaceChar(c)) {
                clean.append(' ');
            } else {
                clean.appendCodePoint(c);
            }
        });
        String result = clean.toString().replaceAll(" {2,}", " ");
        // Leading dots hide a file (or make "..") and trailing dots and spaces vanish on Windows.
        result = result.replaceAll("^[. ]+", "").replaceAll("[. ]+$", "");
        if (result.isEmpty()) {
            return FALLBACK;
        }
        String stem = result.contains(".") ? result.substring(0, result.indexOf('.')) : result;
        if (DEVICES.contains(stem.toUpperCase(Locale.ROOT))) {
            result = "_" + result;
        }
        return shorten(result);
    }

    /** The extension (without the dot, lower case) of a sanitised name, or empty. */
    static String extension(String name) {
        int dot = name.lastIndexOf('.');
        return dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
    }

    /**
     * {@code Content-Disposition: attachment} for {@code name} (RFC 6266): an ASCII {@code filename} for old clients
     * and {@code filename*} with the UTF-8 name (RFC 8187).
     */
    static String contentDisposition(String name) {
        StringBuilder ascii = new StringBuilder();
        name.codePoints().forEach(c -> ascii.append(c >= 0x20 && c < 0x7f && c != '"' && c != '\\' ? (char) c : '_'));
        String encoded = URLEncoder.encode(name, StandardCharsets.UTF_8)
                .replace("+", "%20")
                .replace("*", "%2A")
                .replace("%7E", "~");
        return "attachment; filename=\"" + ascii + "\"; filename*=UTF-8''" + encoded;
    }

    private static String shorten(String name) {
        if (name.getBytes(StandardCharsets.UTF_8).length <= MAX_BYTES) {
            return name;
        }
        String extension = extension(name);
        String suffix = extension.isEmpty() || extension.length() > 20 ? "" : name.substring(name.lastIndexOf('.'));
        int budget = MAX_BYTES - suffix.getBytes(StandardCharsets.UTF_8).length;
        StringBuilder stem = new StringBuilder();
        int bytes = 0;
        String base = name.substring(0, name.length() - suffix.length());
        for (int i = 0; i < base.length(); ) {
            int c = base.codePointAt(i);
            int size = new String(Character.toChars(c)).getBytes(StandardCharsets.UTF_8).length;
            if (bytes + size > budget) {
                break;
            }
            stem.appendCodePoint(c);
            bytes += size;
            i += Character.charCount(c);
        }
        String result = stem.toString().replaceAll("[. ]+$", "") + suffix;
        return result.isEmpty() ? FALLBACK : result;
    }
}
