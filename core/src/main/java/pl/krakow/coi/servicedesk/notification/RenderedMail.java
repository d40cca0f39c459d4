package pl.krakow.coi.servicedesk.notification;

/**
 * A notification rendered from its template: the subject (already carrying the ticket number in brackets, e.g.
 * {@code [INC-2026-000123] …}), the plain-text body and the HTML alternative.
 */
record RenderedMail(String subject, String text, String html) {}
