package pl.krakow.coi.servicedesk.ingest.mail;

import jakarta.mail.MessagingException;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.ContentDisposition;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MailDateFormat;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.internet.MimeUtility;
import jakarta.mail.internet.ParseException;
import jakarta.mail.util.ByteArrayDataSource;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.text.ParsePosition;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jsoup.nodes.Document;
import org.springframework.stereotype.Component;

/**
 * Reads a raw message with Jakarta Mail (Angus) into an {@link InboundMail}: a pure function of the bytes.
 *
 * <p>Jakarta Mail splits the MIME tree; the decoding is done here, leniently and without JVM-wide system properties
 * (most of Angus's leniency switches are system properties, which would change the notification sender too):
 * header bytes are read back as they came (the session keeps them ISO-8859-1) and decoded as UTF-8 or Windows-1250
 * ({@link MailText#fix8bit}); encoded-words, charsets, transfer encodings and {@code format=flowed} by {@link
 * MailText}; HTML by {@link HtmlText}; the quoted history by {@link QuoteTrimmer}.
 *
 * <p>A message is rejected ({@link MailRejected}) only when its MIME tree cannot be split (a multipart without its
 * boundary, nested beyond reason) or a body's declared charset is unknown over bytes that are neither ASCII nor UTF-8;
 * nothing else escapes {@link #parse}.
 */
@Component
final class MimeMailParser implements MailParser {

    private static final int MAX_DEPTH = 24;

    private static final Session SESSION = Session.getInstance(sessionProperties());

    // Starts only where a run of address characters starts, so a long header without "@" is scanned once.
    private static final Pattern EMAIL =
            Pattern.compile("(?<![^\\s<>@,;:\"()\\[\\]])[^\\s<>@,;:\"()\\[\\]]++@[^\\s<>@,;:\"()\\[\\]]++");

    private static final Set<String> PRECEDENCE = Set.of("bulk", "junk", "list", "auto_reply");

    private static final Set<String> SIGNATURES =
            Set.of("application/pkcs7-signature", "application/x-pkcs7-signature", "application/pgp-signature");

    private static final Map<String, String> EXTENSIONS = Map.ofEntries(
            Map.entry("image/png", "png"),
            Map.entry("image/jpeg", "jpg"),
            Map.entry("image/jpg", "jpg"),
            Map.entry("image/pjpeg", "jpg"),
            Map.entry("image/gif", "gif"),
            Map.entry("image/bmp", "bmp"),
            Map.entry("image/tiff", "tif"),
            Map.entry("image/webp", "webp"),
            Map.entry("image/heic", "heic"),
            Map.entry("image/svg+xml", "svg"),
            Map.entry("application/pdf", "pdf"),
            Map.entry("application/zip", "zip"),
            Map.entry("application/x-zip-compressed", "zip"),
            Map.entry("application/msword", "doc"),
            Map.entry("application/vnd.ms-excel", "xls"),
            Map.entry("application/vnd.openxmlformats-officedocument.wordprocessingml.document", "docx"),
            Map.entry("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xlsx"),
            Map.entry("application/vnd.oasis.opendocument.text", "odt"),
            Map.entry("application/vnd.ms-outlook", "msg"),
            Map.entry("application/ms-tnef", "dat"),
            Map.entry("text/plain", "txt"),
            Map.entry("text/html", "html"),
            Map.entry("text/csv", "csv"),
            Map.entry("text/calendar", "ics"),
            Map.entry("text/vcard", "vcf"),
            Map.entry("text/x-vcard", "vcf"),
            Map.entry("message/rfc822", "eml"),
            Map.entry("message/delivery-status", "txt"),
            Map.entry("text/rfc822-headers", "txt"));

    private static Properties sessionProperties() {
        Properties properties = new Properties();
        // Addresses as real clients write them, not as RFC 822 allows.
        properties.setProperty("mail.mime.address.strict", "false");
        // Off on purpose: with it on, Angus reads header bytes as UTF-8 and replaces what is not, losing the
        // Windows-1250 headers of old clients; off, each byte is one char, which fix8bit reads back losslessly.
        properties.setProperty("mail.mime.allowutf8", "false");
        return properties;
    }

    @Override
    public InboundMail parse(byte[] raw) throws MailRejected {
        if (raw == null || raw.length == 0) {
            throw new MailRejected(MailRejected.Reason.MALFORMED_MIME, "empty message");
        }
        try {
            return read(raw);
        } catch (MailRejected e) {
            throw e;
        } catch (MessagingException | IOException e) {
            throw new MailRejected(MailRejected.Reason.MALFORMED_MIME, describe(e), e);
        } catch (RuntimeException | StackOverflowError e) {
            // A tree the library chokes on: still a mail to quarantine, never an exception out of the reader.
            throw new MailRejected(MailRejected.Reason.MALFORMED_MIME, "unreadable MIME: " + describe(e), e);
        }
    }

    private static String describe(Throwable e) {
        String message = e.getMessage();
        return message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
    }

    private InboundMail read(byte[] raw) throws MailRejected, MessagingException, IOException {
        MimeMessage message = new MimeMessage(SESSION, new ByteArrayInputStream(raw));
        String subject = orEmpty(MailText.headerText(header(message, "Subject", " ")));
        String returnPath = header(message, "Return-Path", null);
        boolean nullReturnPath =
                returnPath != null && returnPath.replaceAll("\\s", "").equals("<>");
        List<String> inReplyTo = MailIds.ids(header(message, "In-Reply-To", " "));

        Walk walk = new Walk();
        Body body = walk.child(message, 0);
        if (body.plain() == null && body.html() == null && body.unknownCharset() != null) {
            throw new MailRejected(
                    MailRejected.Reason.UNKNOWN_CHARSET, "unknown charset of the body: " + body.unknownCharset());
        }
        String text = MailText.normalise(
                body.plain() != null && !body.plain().isBlank()
                        ? body.plain()
                        : body.html() != null ? HtmlText.toText(body.html()) : orEmpty(body.plain()));
        String trimmed = trimmed(text, body.html(), subject);

        List<InboundMail.Address> from = addresses(header(message, "From", ","));
        return new InboundMail(
                MailIds.first(header(message, "Message-ID", null)),
                inReplyTo,
                MailIds.ids(header(message, "References", " ")),
                from.isEmpty() ? null : from.get(0),
                nullReturnPath,
                addresses(header(message, "To", ",")),
                addresses(header(message, "Cc", ",")),
                subject,
                date(header(message, "Date", null)),
                text,
                trimmed,
                walk.attachments(),
                automatic(message, nullReturnPath),
                walk.bounce(inReplyTo, text),
                header(message, "X-ServiceDesk-Notification", null) != null
                        || header(message, "X-ServiceDesk-Ticket", null) != null);
    }

    // The HTML marks quoted history more reliably than the text: where it does, trim there.
    private static String trimmed(String text, String html, String subject) {
        if (html != null && !QuoteTrimmer.isForward(text, subject)) {
            Document doc = HtmlText.parse(html);
            if (HtmlText.removeQuotes(doc)) {
                String trimmed = QuoteTrimmer.trim(HtmlText.toText(doc), subject);
                if (!trimmed.isBlank()) {
                    return trimmed;
                }
            }
        }
        return QuoteTrimmer.trim(text, subject);
    }

    private static String orEmpty(String s) {
        return s == null ? "" : s;
    }

    /** All values of a header, joined; null when absent. Values are raw (8-bit bytes as ISO-8859-1 chars). */
    private static String header(Part part, String name, String delimiter) throws MessagingException {
        String[] values = part.getHeader(name);
        if (values == null || values.length == 0) {
            return null;
        }
        return delimiter == null ? values[0] : String.join(delimiter, values);
    }

    private static String headerValue(Part part, String name) throws MessagingException {
        String value = header(part, name, null);
        return value == null ? null : MailText.headerText(value);
    }

    // ---- addresses, dates, automatic mail

    static List<InboundMail.Address> addresses(String raw) {
        List<InboundMail.Address> result = new ArrayList<>();
        if (raw == null || raw.isBlank()) {
            return result;
        }
        String value = MailText.unfold(MailText.fix8bit(raw));
        try {
            for (InternetAddress address : InternetAddress.parseHeader(value, false)) {
                if (address.isGroup()) {
                    try {
                        for (InternetAddress member : address.getGroup(false)) {
                            add(result, member);
                        }
                    } catch (AddressException e) {
                        // An empty or broken group ("undisclosed-recipients:;"): no addresses.
                    }
                } else {
                    add(result, address);
                }
            }
        } catch (AddressException | RuntimeException e) {
            Matcher m = EMAIL.matcher(value);
            while (m.find()) {
                addEmail(result, m.group(), null);
            }
        }
        return result;
    }

    private static void add(List<InboundMail.Address> result, InternetAddress address) {
        String email = address.getAddress();
        if (email == null) {
            return;
        }
        String name = null;
        String shown = address.toString();
        int bracket = shown.lastIndexOf(" <");
        if (bracket > 0 && address.getPersonal() != null) {
            // The phrase as written (its encoded-words undecoded): decoded here, so that a character split
            // between two encoded-words survives.
            name = unquote(shown.substring(0, bracket).strip());
            name = MailText.decodeWords(name);
        }
        addEmail(result, email, name);
    }

    private static void addEmail(List<InboundMail.Address> result, String email, String name) {
        String address = MailIds.bare(email).toLowerCase(Locale.ROOT);
        int at = address.indexOf('@');
        if (at <= 0 || at == address.length() - 1) {
            return;
        }
        String personal = MailText.singleLine(name);
        if (personal != null && personal.length() > 1 && personal.startsWith("'") && personal.endsWith("'")) {
            personal = personal.substring(1, personal.length() - 1).strip(); // Outlook's 'Name'
        }
        if (personal != null && (personal.isEmpty() || personal.equalsIgnoreCase(address))) {
            personal = null;
        }
        result.add(new InboundMail.Address(address, personal));
    }

    private static String unquote(String phrase) {
        if (phrase.length() >= 2 && phrase.startsWith("\"") && phrase.endsWith("\"")) {
            return phrase.substring(1, phrase.length() - 1).replaceAll("\\\\(.)", "$1");
        }
        return phrase;
    }

    static Instant date(String raw) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        String value = MailText.unfold(raw).strip();
        if (value.length() > 200) {
            return null;
        }
        Date date = new MailDateFormat().parse(value, new ParsePosition(0));
        if (date != null) {
            return date.toInstant();
        }
        try {
            String cleaned = value.replaceAll("\\s*\\([^)]*\\)\\s*$", "").replaceAll("\\s+", " ");
            return ZonedDateTime.parse(cleaned, DateTimeFormatter.RFC_1123_DATE_TIME)
                    .toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /**
     * Why a program wrote the message, or null: {@code Auto-Submitted} other than {@code no} (RFC 3834), {@code
     * X-Autoreply}, {@code X-Autorespond}, {@code X-Auto-Response-Suppress}, {@code Precedence} bulk/junk/list/
     * auto_reply, {@code List-Id}, {@code List-Unsubscribe}, a null return path.
     */
    static String automatic(Part message, boolean nullReturnPath) throws MessagingException {
        String submitted = headerValue(message, "Auto-Submitted");
        if (submitted != null) {
            String kind = submitted.split("[\\s;(]", 2)[0].toLowerCase(Locale.ROOT);
            if (!kind.isEmpty() && !kind.equals("no")) {
                return label("Auto-Submitted", submitted);
            }
        }
        for (String name : new String[] {"X-Autoreply", "X-Autorespond", "X-Auto-Response-Suppress"}) {
            String value = headerValue(message, name);
            if (value != null) {
                return label(name, value);
            }
        }
        String precedence = headerValue(message, "Precedence");
        if (precedence != null && PRECEDENCE.contains(precedence.toLowerCase(Locale.ROOT))) {
            return label("Precedence", precedence);
        }
        for (String name : new String[] {"List-Id", "List-Unsubscribe"}) {
            String value = headerValue(message, name);
            if (value != null) {
                return label(name, value);
            }
        }
        return nullReturnPath ? "Return-Path: <>" : null;
    }

    private static String label(String name, String value) {
        String shown = value.length() > 200 ? value.substring(0, 200) : value;
        return name + ": " + shown;
    }

    // ---- MIME tree

    /** What a subtree gives as body: its plain text and/or HTML, or the charset that made it unreadable. */
    private record Body(String plain, String html, String unknownCharset) {
        static final Body EMPTY = new Body(null, null, null);

        boolean empty() {
            return (plain == null || plain.isBlank()) && (html == null || html.isBlank());
        }

        String asText() {
            return plain != null && !plain.isBlank() ? plain : html != null ? HtmlText.toText(html) : "";
        }
    }

    private record Pending(
            String filename, String contentType, byte[] content, boolean inlineDisposition, String contentId) {}

    /** One walk over a message's tree: the body found, the files met, the delivery status read. */
    private static final class Walk {
        private final List<Pending> files = new ArrayList<>();
        private final Set<String> cids = new HashSet<>();
        private final List<DeliveryStatus.Recipient> recipients = new ArrayList<>();
        private final List<String> returnedIds = new ArrayList<>();
        private boolean report;
        private int madeUp;

        /** A part as met in its parent: a file, or a body. */
        Body child(Part part, int depth) throws MessagingException, IOException, MailRejected {
            if (depth > MAX_DEPTH) {
                throw new MailRejected(MailRejected.Reason.MALFORMED_MIME, "MIME tree nested too deep");
            }
            String type = baseType(part);
            if (isFile(part, type)) {
                file(part, type);
                return Body.EMPTY;
            }
            return body(part, type, depth);
        }

        private Body body(Part part, String type, int depth) throws MessagingException, IOException, MailRejected {
            if (type.startsWith("multipart/")) {
                return multipart(part, type, depth);
            }
            if (type.equals("message/delivery-status")) {
                recipients.addAll(DeliveryStatus.recipients(content(part)));
                return Body.EMPTY;
            }
            if (type.equals("text/rfc822-headers") || type.equals("message/global-headers")) {
                returned(content(part));
                return Body.EMPTY;
            }
            byte[] bytes = content(part);
            String charset = parameter(part, "Content-Type", "charset");
            String text;
            try {
                text = MailText.decode(bytes, charset);
            } catch (MailText.UnknownCharset e) {
                return new Body(null, null, charset);
            }
            if (type.equals("text/html")) {
                cids.addAll(HtmlText.cids(text));
                return new Body(null, text, null);
            }
            String format = parameter(part, "Content-Type", "format");
            if ("flowed".equalsIgnoreCase(format)) {
                String delSp = parameter(part, "Content-Type", "delsp");
                text = MailText.unflow(text, "yes".equalsIgnoreCase(delSp));
            }
            return new Body(text, null, null);
        }

        private Body multipart(Part part, String type, int depth) throws MessagingException, IOException, MailRejected {
            String contentType = MailText.unfold(header(part, "Content-Type", null));
            MimeMultipart multipart = new MimeMultipart(new ByteArrayDataSource(content(part), contentType));
            int count = multipart.getCount();
            List<MimeBodyPart> parts = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                parts.add((MimeBodyPart) multipart.getBodyPart(i));
            }
            String subtype = type.substring("multipart/".length());
            return switch (subtype) {
                case "alternative" -> alternative(parts, depth);
                case "related" -> related(part, parts, depth);
                case "report" -> report(part, parts, depth);
                case "signed" ->
                    mixed(
                            parts.stream()
                                    .filter(p -> !SIGNATURES.contains(safeType(p)))
                                    .toList(),
                            depth);
                default -> mixed(parts, depth);
            };
        }

        // The plain text unless it is empty, and the HTML (for trimming and cid references) beside it.
        private Body alternative(List<MimeBodyPart> parts, int depth)
                throws MessagingException, IOException, MailRejected {
            String plain = null;
            String html = null;
            String unknown = null;
            for (MimeBodyPart p : parts) {
                Body b = child(p, depth + 1);
                if (b.unknownCharset() != null) {
                    unknown = b.unknownCharset();
                }
                if (plain == null && b.plain() != null && !b.plain().isBlank()) {
                    plain = b.plain();
                }
                if (b.html() != null && !b.html().isBlank()) {
                    html = b.html(); // the last is the richest (RFC 2046)
                }
            }
            return plain == null && html == null ? new Body(null, null, unknown) : new Body(plain, html, null);
        }

        private Body related(Part part, List<MimeBodyPart> parts, int depth)
                throws MessagingException, IOException, MailRejected {
            if (parts.isEmpty()) {
                return Body.EMPTY;
            }
            String start = parameter(part, "Content-Type", "start");
            int root = 0;
            if (start != null) {
                for (int i = 0; i < parts.size(); i++) {
                    String id = parts.get(i).getHeader("Content-ID", null);
                    if (id != null && MailIds.bare(id).equalsIgnoreCase(MailIds.bare(start))) {
                        root = i;
                    }
                }
            }
            Body body = Body.EMPTY;
            for (int i = 0; i < parts.size(); i++) {
                if (i == root) {
                    body = child(parts.get(i), depth + 1);
                } else {
                    MimeBodyPart p = parts.get(i);
                    file(p, baseType(p));
                }
            }
            return body;
        }

        private Body report(Part part, List<MimeBodyPart> parts, int depth)
                throws MessagingException, IOException, MailRejected {
            String reportType = parameter(part, "Content-Type", "report-type");
            report |= reportType == null || reportType.equalsIgnoreCase("delivery-status");
            Body body = Body.EMPTY;
            for (int i = 0; i < parts.size(); i++) {
                MimeBodyPart p = parts.get(i);
                String type = baseType(p);
                if (type.equals("message/rfc822") || type.equals("message/global")) {
                    returned(content(p));
                }
                Body b = child(p, depth + 1);
                if (i == 0) {
                    body = b;
                }
            }
            return body;
        }

        private Body mixed(List<MimeBodyPart> parts, int depth) throws MessagingException, IOException, MailRejected {
            List<Body> bodies = new ArrayList<>();
            String unknown = null;
            for (MimeBodyPart p : parts) {
                Body b = child(p, depth + 1);
                if (b.unknownCharset() != null) {
                    unknown = b.unknownCharset();
                } else if (!b.empty()) {
                    bodies.add(b);
                }
            }
            if (unknown != null) {
                // A body part nobody can read: rather quarantined than shown with a hole in it.
                return new Body(null, null, unknown);
            }
            if (bodies.size() <= 1) {
                return bodies.isEmpty() ? Body.EMPTY : bodies.get(0);
            }
            StringBuilder joined = new StringBuilder();
            for (Body b : bodies) {
                if (!joined.isEmpty()) {
                    joined.append("\n\n");
                }
                joined.append(b.asText());
            }
            return new Body(joined.toString(), null, null);
        }

        private void returned(byte[] message) {
            String id = DeliveryStatus.headers(message).get("message-id");
            String first = MailIds.first(id);
            if (first != null && !returnedIds.contains(first)) {
                returnedIds.add(first);
            }
        }

        // ---- files

        private boolean isFile(Part part, String type) throws MessagingException {
            if (type.startsWith("multipart/")
                    || type.equals("message/delivery-status")
                    || type.equals("text/rfc822-headers")
                    || type.equals("message/global-headers")) {
                return false;
            }
            String disposition = disposition(part);
            if ("attachment".equals(disposition) || filename(part) != null) {
                return true;
            }
            return !type.equals("text/plain") && !type.equals("text/html");
        }

        private void file(Part part, String type) throws MessagingException, IOException {
            byte[] content = content(part);
            String name = filename(part);
            if (type.equals("message/rfc822") || type.equals("message/global")) {
                if (name == null) {
                    String subject =
                            MailText.headerText(DeliveryStatus.headers(content).get("subject"));
                    name = subject == null ? null : safeName(subject);
                }
                if (name != null && !name.toLowerCase(Locale.ROOT).endsWith(".eml")) {
                    name = name + ".eml";
                }
            }
            if (name == null) {
                String extension = EXTENSIONS.get(type);
                if (extension == null) {
                    String sub = type.substring(type.indexOf('/') + 1);
                    extension = sub.matches("[a-z0-9]{1,8}") ? sub : "bin";
                }
                String stem =
                        type.startsWith("image/") ? "image" : type.startsWith("message/") ? "message" : "attachment";
                name = String.format(Locale.ROOT, "%s%03d.%s", stem, ++madeUp, extension);
            }
            String contentId = header(part, "Content-ID", null);
            String id = contentId == null ? null : MailIds.bare(MailText.unfold(contentId));
            files.add(new Pending(
                    name, type, content, "inline".equals(disposition(part)), id == null || id.isEmpty() ? null : id));
        }

        List<InboundMail.Part> attachments() {
            List<InboundMail.Part> result = new ArrayList<>(files.size());
            for (Pending p : files) {
                boolean referenced =
                        p.contentId() != null && cids.contains(p.contentId().toLowerCase(Locale.ROOT));
                boolean inline =
                        referenced || (p.inlineDisposition() && p.contentType().startsWith("image/"));
                result.add(new InboundMail.Part(p.filename(), p.contentType(), p.content(), inline, p.contentId()));
            }
            return result;
        }

        InboundMail.Bounce bounce(List<String> inReplyTo, String text) {
            if (!report || (recipients.isEmpty() && returnedIds.isEmpty())) {
                return null;
            }
            List<DeliveryStatus.Recipient> failed =
                    recipients.stream().filter(DeliveryStatus.Recipient::failed).toList();
            List<DeliveryStatus.Recipient> chosen = failed.isEmpty() ? recipients : failed;
            String status = chosen.stream()
                    .map(DeliveryStatus.Recipient::status)
                    .filter(s -> s != null)
                    .findFirst()
                    .orElse(null);
            String diagnostic = chosen.stream()
                    .map(DeliveryStatus.Recipient::diagnostic)
                    .filter(s -> s != null && !s.isBlank())
                    .findFirst()
                    .orElseGet(() ->
                            text.lines().filter(l -> !l.isBlank()).findFirst().orElse(null));
            boolean permanent = !failed.isEmpty() && (status == null || status.startsWith("5"));
            List<String> ids = returnedIds.isEmpty() ? inReplyTo : returnedIds;
            return new InboundMail.Bounce(
                    ids,
                    chosen.stream()
                            .map(DeliveryStatus.Recipient::address)
                            .distinct()
                            .toList(),
                    status,
                    diagnostic,
                    permanent);
        }
    }

    private static String safeName(String subject) {
        String name = subject.replaceAll("[\\\\/:*?\"<>|\\p{Cntrl}]+", "_").strip();
        if (name.length() > 80) {
            name = name.substring(0, 80).strip();
        }
        return name.isEmpty() ? null : name;
    }

    // ---- part helpers

    /** The decoded bytes of a part's body (its transfer encoding undone, leniently). */
    static byte[] content(Part part) throws MessagingException, IOException {
        byte[] raw;
        if (part instanceof MimeMessage message) {
            try (InputStream in = message.getRawInputStream()) {
                raw = in.readAllBytes();
            }
        } else if (part instanceof MimeBodyPart body) {
            try (InputStream in = body.getRawInputStream()) {
                raw = in.readAllBytes();
            }
        } else {
            try (InputStream in = part.getInputStream()) {
                return in.readAllBytes();
            }
        }
        String encoding = header(part, "Content-Transfer-Encoding", null);
        String cte = encoding == null
                ? ""
                : MailText.unfold(encoding).strip().replace("\"", "").toLowerCase(Locale.ROOT);
        switch (cte) {
            case "base64":
                return MailText.base64(raw, 0, raw.length);
            case "quoted-printable":
                return MailText.quotedPrintable(raw);
            case "uuencode":
            case "x-uuencode":
            case "x-uue":
                try (InputStream in = MimeUtility.decode(new ByteArrayInputStream(raw), cte)) {
                    return in.readAllBytes();
                } catch (IOException | MessagingException e) {
                    return raw;
                }
            default:
                return raw;
        }
    }

    private static String safeType(Part part) {
        try {
            return baseType(part);
        } catch (MessagingException e) {
            return "application/octet-stream";
        }
    }

    /** The base type, lower-cased; {@code text/plain} when absent or unreadable (RFC 2045). */
    static String baseType(Part part) throws MessagingException {
        String raw = header(part, "Content-Type", null);
        if (raw == null || raw.isBlank()) {
            return "text/plain";
        }
        String value = MailText.unfold(raw).strip();
        try {
            String base = new ContentType(value).getBaseType();
            if (base != null && base.indexOf('/') > 0) {
                return base.toLowerCase(Locale.ROOT);
            }
        } catch (ParseException | RuntimeException e) {
            // Fall back to the text before the parameters.
        }
        String base = value.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
        return base.matches("[a-z0-9!#$&^_.+-]+/[a-z0-9!#$&^_.+-]+") ? base : "text/plain";
    }

    private static String disposition(Part part) throws MessagingException {
        String raw = header(part, "Content-Disposition", null);
        if (raw == null) {
            return null;
        }
        String value = MailText.unfold(raw).strip();
        return value.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
    }

    /** The decoded file name (RFC 2231, RFC 2047, raw 8-bit), without any path, or null. */
    static String filename(Part part) throws MessagingException {
        String name = parameter(part, "Content-Disposition", "filename");
        if (name == null || name.isBlank()) {
            name = parameter(part, "Content-Type", "name");
        }
        if (name == null) {
            return null;
        }
        name = MailText.decodeWords(name);
        int slash = Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\'));
        name = name.substring(slash + 1).replaceAll("\\p{Cntrl}", "").strip();
        return name.isEmpty() ? null : name;
    }

    /** A parameter of a structured header, RFC 2231 decoded; 8-bit bytes read as UTF-8 or Windows-1250. */
    static String parameter(Part part, String headerName, String parameter) throws MessagingException {
        String raw = header(part, headerName, null);
        if (raw == null) {
            return null;
        }
        String value = MailText.unfold(MailText.fix8bit(raw)).strip();
        try {
            String found = headerName.equalsIgnoreCase("Content-Type")
                    ? new ContentType(value).getParameter(parameter)
                    : new ContentDisposition(value).getParameter(parameter);
            if (found != null) {
                return found;
            }
        } catch (ParseException | RuntimeException e) {
            // Broken syntax (unquoted spaces, 8-bit bytes): the plain reading below.
        }
        Matcher m = Pattern.compile("(?i)(?:^|;)\\s*" + Pattern.quote(parameter) + "\\s*=\\s*(\"([^\"]*)\"?|[^;]*)")
                .matcher(value);
        if (m.find()) {
            String found = m.group(2) != null ? m.group(2) : m.group(1);
            return found.strip();
        }
        return null;
    }
}
