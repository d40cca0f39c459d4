package pl.krakow.coi.servicedesk.notification;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.springframework.context.MessageSource;
import org.springframework.context.support.ReloadableResourceBundleMessageSource;
import org.springframework.stereotype.Component;
import org.thymeleaf.context.Context;
import org.thymeleaf.spring6.SpringTemplateEngine;
import org.thymeleaf.templatemode.TemplateMode;
import org.thymeleaf.templateresolver.AbstractConfigurableTemplateResolver;
import org.thymeleaf.templateresolver.ClassLoaderTemplateResolver;
import org.thymeleaf.templateresolver.FileTemplateResolver;

/**
 * Renders a notification from its templates: Thymeleaf, one HTML and one plain-text template per
 * {@link NotificationKind} and language ({@code pl}, the default, and {@code en}) under the classpath's
 * {@code notifications/}, sharing a layout, with the subjects and shared phrases in the bundle
 * {@code notifications/messages}. A file of the same relative name in
 * {@code servicedesk.notifications.templates-directory} wins over the built-in one, and is read again after
 * {@code servicedesk.notifications.templates-cache-ttl}, so an operator changes a mail without a rebuild.
 *
 * <p>The engine is this module's own: nothing here serves web views. User text goes through {@code th:text} (HTML
 * escaped) only. A requester-facing mail about a security incident is rendered from the {@code security-notice}
 * templates, which show only the number and the state, whatever the content carries.
 */
@Component
class NotificationTemplates {

    /** The kinds a requester receives; for a security incident they say only its number and state. */
    static final Set<NotificationKind> REQUESTER_FACING = EnumSet.of(
            NotificationKind.TICKET_REGISTERED,
            NotificationKind.PUBLIC_COMMENT,
            NotificationKind.QUESTION,
            NotificationKind.RESOLVED,
            NotificationKind.CLOSED,
            NotificationKind.ATTACHMENT_QUARANTINED);

    static final Locale POLISH = Locale.forLanguageTag("pl");

    private final SpringTemplateEngine engine;
    private final MessageSource messages;
    /** Whether a reply to a notification reaches the desk (a {@code Reply-To} mailbox is configured). */
    private final boolean replies;

    NotificationTemplates(NotificationMailProperties properties) {
        this.replies = properties.replyTo() != null;
        this.messages = messageSource(properties);
        this.engine = new SpringTemplateEngine();
        engine.setTemplateEngineMessageSource(messages);
        // The operator's directory first; a name it does not hold falls through to the built-in templates.
        // The engine caches a template by its name, whichever resolver found it: with a directory, a built-in
        // template is kept only as long as an overriding file would be, so a file added later is seen too.
        long ttl = properties.templatesCacheTtl().toMillis();
        boolean overridable = properties.templatesDirectory() != null
                && !properties.templatesDirectory().toString().isBlank();
        if (overridable) {
            FileTemplateResolver files = new FileTemplateResolver();
            files.setPrefix(properties.templatesDirectory().toAbsolutePath() + "/");
            configure(files, 1, ttl);
            engine.addTemplateResolver(files);
        }
        ClassLoaderTemplateResolver classpath =
                new ClassLoaderTemplateResolver(NotificationTemplates.class.getClassLoader());
        classpath.setPrefix("notifications/");
        configure(classpath, 2, overridable ? ttl : -1);
        engine.addTemplateResolver(classpath);
    }

    /** @param ttl how long a parsed template is kept: negative for ever, zero not at all */
    private static void configure(AbstractConfigurableTemplateResolver resolver, int order, long ttl) {
        resolver.setOrder(order);
        resolver.setCheckExistence(true);
        resolver.setCharacterEncoding("UTF-8");
        resolver.setTemplateMode(TemplateMode.HTML);
        resolver.getTextTemplateModePatternSpec().addPattern("*.txt");
        resolver.getHtmlTemplateModePatternSpec().addPattern("*.html");
        resolver.setCacheable(ttl != 0);
        if (ttl > 0) {
            resolver.setCacheTTLMs(ttl);
        }
    }

    private static MessageSource messageSource(NotificationMailProperties properties) {
        ReloadableResourceBundleMessageSource builtIn = bundle("classpath:notifications/messages", -1);
        builtIn.setDefaultLocale(POLISH);
        Path directory = properties.templatesDirectory();
        if (directory == null || directory.toString().isBlank()) {
            return builtIn;
        }
        // The operator's bundle asks the built-in one for what it does not hold. It has no default locale of its
        // own, so that its messages_pl does not answer for English.
        ReloadableResourceBundleMessageSource operator = bundle(
                directory.toAbsolutePath().toUri() + "messages",
                properties.templatesCacheTtl().toMillis());
        operator.setParentMessageSource(builtIn);
        return operator;
    }

    private static ReloadableResourceBundleMessageSource bundle(String basename, long cacheMillis) {
        ReloadableResourceBundleMessageSource source = new ReloadableResourceBundleMessageSource();
        source.setBasename(basename);
        source.setDefaultEncoding("UTF-8");
        source.setFallbackToSystemLocale(false);
        source.setAlwaysUseMessageFormat(true);
        source.setCacheMillis(cacheMillis);
        return source;
    }

    /** Renders the subject, the plain text and the HTML of one notification. */
    RenderedMail render(NotificationContent content) {
        Locale locale = language(content.locale());
        boolean securityNotice = content.security() && REQUESTER_FACING.contains(content.kind());
        String template = securityNotice ? "security-notice" : templateName(content.kind());
        String subject = subject(content, locale, securityNotice);
        Context context = new Context(locale, model(content, locale, securityNotice, subject));
        String prefix = locale.getLanguage() + "/" + template;
        String text = tidy(engine.process(prefix + ".txt", context));
        String html = engine.process(prefix + ".html", context);
        return new RenderedMail(subject, text, html);
    }

    /** The language a mail is written in: English when the locale says so, Polish otherwise. */
    static Locale language(Locale locale) {
        return locale != null && Locale.ENGLISH.getLanguage().equals(locale.getLanguage()) ? Locale.ENGLISH : POLISH;
    }

    /** {@code TICKET_REGISTERED} → {@code ticket-registered}. */
    static String templateName(NotificationKind kind) {
        return kind.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    private String subject(NotificationContent content, Locale locale, boolean securityNotice) {
        String key = "subject."
                + (securityNotice ? "SECURITY_NOTICE" : content.kind().name());
        Object[] args = {
            securityNotice || content.ticketTitle() == null ? "" : content.ticketTitle(),
            statusLabel(content.ticketStatus(), locale),
            content.unit() == null ? "" : content.unit(),
            content.actorName() == null ? "" : content.actorName(),
            content.licences().isEmpty() ? "" : maxThreshold(content),
            content.licences().size()
        };
        String tail = oneLine(messages.getMessage(key, args, locale));
        // A subject whose title is empty would end in a dangling separator.
        tail = tail.replaceAll("[\\s:–-]+$", "");
        if (content.kind() == NotificationKind.LICENCE_EXPIRING || content.ticketNumber() == null) {
            return tail;
        }
        String number = "[" + content.ticketNumber() + "]";
        return tail.startsWith(number) ? tail : number + " " + tail;
    }

    private String statusLabel(String status, Locale locale) {
        if (status == null || status.isBlank()) {
            return "";
        }
        return messages.getMessage("status." + status, null, status, locale);
    }

    // A subject is one header line: a title's line breaks or tabs must not fold it or inject a header.
    private static String oneLine(String value) {
        return value.replaceAll("[\\p{Cntrl}\\s]+", " ").strip();
    }

    private Map<String, Object> model(
            NotificationContent content, Locale locale, boolean securityNotice, String subject) {
        MailDates dates = new MailDates(locale);
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("subject", subject);
        model.put("lang", locale.getLanguage());
        model.put("kind", content.kind().name());
        model.put("mandatory", content.kind().mandatory());
        model.put("replies", replies);
        model.put("recipientName", content.recipientName());
        model.put("number", content.ticketNumber());
        model.put("status", statusLabel(content.ticketStatus(), locale));
        model.put("statusCode", content.ticketStatus());
        model.put("url", content.ticketUrl());
        model.put("dates", dates);
        if (securityNotice) {
            // Defence in depth: whatever the delivery side filled in, a security incident's requester reads only
            // its number and state.
            model.put("security", true);
            model.put("attachments", List.of());
            model.put("licences", List.of());
            return model;
        }
        model.put("security", content.security());
        model.put("title", content.ticketTitle());
        model.put("actor", content.actorName());
        String text = blankToNull(content.text());
        model.put("text", text);
        // The plain-text alternative sets a quoted text off by indenting it.
        model.put("quoted", text == null ? null : text.strip().replaceAll("(?m)^", "    "));
        model.put("dueAt", content.dueAt());
        model.put("due", content.dueAt() == null ? null : dates.dueBy(content.dueAt()));
        model.put("dueDateTime", content.dueAt() == null ? null : dates.dateTime(content.dueAt()));
        model.put("unit", content.unit());
        List<Map<String, Object>> attachments = new ArrayList<>();
        for (NotificationContent.AttachmentLink link : content.attachments()) {
            Map<String, Object> a = new LinkedHashMap<>();
            a.put("filename", link.filename());
            a.put("size", humanSize(link.size(), locale));
            a.put("url", link.url());
            attachments.add(a);
        }
        model.put("attachments", attachments);
        List<Map<String, Object>> licences = new ArrayList<>();
        for (NotificationContent.LicenceExpiry licence : content.licences()) {
            Map<String, Object> l = new LinkedHashMap<>();
            l.put("name", licence.name());
            l.put("product", licence.product());
            l.put("expiresOn", dates.date(licence.expiresAt()));
            l.put("thresholdDays", licence.thresholdDays());
            licences.add(l);
        }
        model.put("licences", licences);
        model.put("thresholdDays", maxThreshold(content));
        return model;
    }

    private static int maxThreshold(NotificationContent content) {
        return content.licences().stream()
                .mapToInt(NotificationContent.LicenceExpiry::thresholdDays)
                .max()
                .orElse(0);
    }

    // The text templates' conditional blocks leave runs of empty lines behind: at most one empty line in a row.
    private static String tidy(String text) {
        return text.replaceAll("(?m)^[ \\t]+$", "").replaceAll("\n{3,}", "\n\n").strip() + "\n";
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }

    static String humanSize(long bytes, Locale locale) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        double kib = bytes / 1024.0;
        if (kib < 1024) {
            return String.format(locale, "%.1f KB", kib);
        }
        return String.format(locale, "%.1f MB", kib / 1024.0);
    }
}
