package pl.krakow.coi.servicedesk.notification;

import java.util.Locale;
import java.util.Objects;

/**
 * Someone a notification goes to: a person of the people register, or a unit's mailbox.
 *
 * @param username the person's username; null for a unit mailbox
 * @param displayName how the mail greets them
 * @param email where it goes (the deduplication key with the source)
 * @param locale their language ({@code pl} by default)
 */
record Recipient(String username, String displayName, String email, Locale locale) {

    Recipient {
        Objects.requireNonNull(email, "email");
        locale = locale == null ? NotificationProperties.POLISH : locale;
        displayName = displayName == null || displayName.isBlank() ? email : displayName;
    }
}
