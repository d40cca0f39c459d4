package pl.krakow.coi.servicedesk.notification;

import org.springframework.stereotype.Component;

/**
 * STAND-IN until the {@code mailtpl} branch is merged (which replaces this file): renders a notification's
 * subject, text and HTML.
 */
@Component
class NotificationTemplates {

    RenderedMail render(NotificationContent content) {
        String subject = (content.ticketNumber() == null ? "" : "[" + content.ticketNumber() + "] ")
                + content.kind().name()
                + (content.ticketTitle() == null ? "" : " " + content.ticketTitle());
        StringBuilder text = new StringBuilder();
        text.append(content.recipientName()).append('\n');
        text.append(content.kind()).append(' ').append(content.ticketNumber()).append(' ');
        text.append(content.ticketStatus()).append('\n');
        if (content.ticketTitle() != null) {
            text.append(content.ticketTitle()).append('\n');
        }
        if (content.text() != null) {
            text.append(content.text()).append('\n');
        }
        if (content.dueAt() != null) {
            text.append("due ").append(content.dueAt()).append('\n');
        }
        if (content.unit() != null) {
            text.append("unit ").append(content.unit()).append('\n');
        }
        if (content.actorName() != null) {
            text.append("by ").append(content.actorName()).append('\n');
        }
        if (content.ticketUrl() != null) {
            text.append(content.ticketUrl()).append('\n');
        }
        return new RenderedMail(subject, text.toString(), "<pre>" + text + "</pre>");
    }
}
