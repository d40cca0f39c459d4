package pl.krakow.coi.servicedesk.ingest.mail;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The fields of a {@code message/delivery-status} body (RFC 3464) and of returned message headers. */
final class DeliveryStatus {

    private DeliveryStatus() {}

    /** One recipient's block of a delivery status. */
    record Recipient(String address, String action, String status, String diagnostic) {

        boolean failed() {
            return "failed".equals(action);
        }
    }

    /**
     * The per-recipient blocks of a delivery status body (the first block, per message, is skipped; a block without
     * {@code Final-Recipient} or {@code Original-Recipient} is not a recipient's).
     */
    static List<Recipient> recipients(byte[] body) {
        List<Recipient> recipients = new ArrayList<>();
        for (Map<String, String> fields : blocks(MailText.guess(body))) {
            String recipient = fields.getOrDefault("final-recipient", fields.get("original-recipient"));
            if (recipient == null) {
                continue;
            }
            String action = fields.get("action");
            recipients.add(new Recipient(
                    typed(recipient).toLowerCase(Locale.ROOT),
                    action == null ? null : action.strip().toLowerCase(Locale.ROOT),
                    status(fields.get("status")),
                    diagnostic(fields.get("diagnostic-code"))));
        }
        return recipients;
    }

    /** The header fields of a returned message or its headers ({@code message/rfc822}, {@code text/rfc822-headers}). */
    static Map<String, String> headers(byte[] message) {
        String text = new String(message, StandardCharsets.ISO_8859_1);
        int end = text.indexOf("\r\n\r\n");
        int lf = text.indexOf("\n\n");
        if (end < 0 || (lf >= 0 && lf < end)) {
            end = lf;
        }
        List<Map<String, String>> blocks = blocks(end < 0 ? text : text.substring(0, end));
        return blocks.isEmpty() ? Map.of() : blocks.get(0);
    }

    // Blocks of "Name: value" lines separated by blank lines; folded lines unfolded; the first of a name wins.
    private static List<Map<String, String>> blocks(String text) {
        List<Map<String, String>> blocks = new ArrayList<>();
        Map<String, String> block = new LinkedHashMap<>();
        String name = null;
        for (String line : text.replace("\r\n", "\n").split("\n", -1)) {
            if (line.isBlank()) {
                if (!block.isEmpty()) {
                    blocks.add(block);
                    block = new LinkedHashMap<>();
                }
                name = null;
            } else if ((line.startsWith(" ") || line.startsWith("\t")) && name != null) {
                block.put(name, block.get(name) + " " + line.strip());
            } else {
                int colon = line.indexOf(':');
                if (colon > 0) {
                    String key = line.substring(0, colon).strip().toLowerCase(Locale.ROOT);
                    if (!block.containsKey(key)) {
                        block.put(key, line.substring(colon + 1).strip());
                        name = key;
                    } else {
                        name = null;
                    }
                } else {
                    name = null;
                }
            }
        }
        if (!block.isEmpty()) {
            blocks.add(block);
        }
        return blocks;
    }

    // "rfc822; jan@x" -> "jan@x"; "smtp; 550 ..." -> "550 ..."
    private static String typed(String value) {
        int semicolon = value.indexOf(';');
        String bare = semicolon >= 0 ? value.substring(semicolon + 1) : value;
        return MailIds.bare(bare.strip());
    }

    private static String diagnostic(String value) {
        if (value == null) {
            return null;
        }
        int semicolon = value.indexOf(';');
        String text = (semicolon >= 0 ? value.substring(semicolon + 1) : value).strip();
        return text.isEmpty() ? null : text;
    }

    private static String status(String value) {
        if (value == null) {
            return null;
        }
        String code = value.strip().split("[\\s(]", 2)[0];
        return code.isEmpty() ? null : code;
    }
}
