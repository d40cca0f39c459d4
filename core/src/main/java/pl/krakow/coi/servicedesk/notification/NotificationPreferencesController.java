package pl.krakow.coi.servicedesk.notification;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import pl.krakow.coi.servicedesk.platform.ServiceDeskException;
import pl.krakow.coi.servicedesk.platform.security.CurrentUsers;

/**
 * The caller's own notification preferences ({@code /api/v1/me/notification-preferences}), for everyone signed
 * in: every kind of notification, whether it is mandatory, and whether the caller gets it. A kind that is not
 * mandatory can be turned off and on again; turning off a mandatory one is refused (422
 * {@code notification-kind-mandatory}) and changes nothing.
 */
@RestController
@RequestMapping("/api/v1/me/notification-preferences")
class NotificationPreferencesController {

    /** One kind of notification for the caller. */
    record Preference(NotificationKind kind, boolean mandatory, boolean enabled) {}

    /** One change: {@code kind} (a {@link NotificationKind} name) on or off. */
    record Change(String kind, Boolean enabled) {}

    private final NotificationPreferences preferences;
    private final CurrentUsers currentUsers;

    NotificationPreferencesController(NotificationPreferences preferences, CurrentUsers currentUsers) {
        this.preferences = preferences;
        this.currentUsers = currentUsers;
    }

    @GetMapping
    List<Preference> get() {
        return of(currentUsers.current().username());
    }

    /**
     * Applies the changes (the kinds not named stay as they are), all or none, and answers every kind as
     * {@link #get()} does.
     */
    @PutMapping
    @Transactional
    List<Preference> put(@RequestBody List<Change> changes) {
        String username = currentUsers.current().username();
        Map<NotificationKind, Boolean> wanted = new LinkedHashMap<>();
        for (Change change : changes) {
            if (change == null || change.enabled() == null) {
                throw ServiceDeskException.invalid(
                        "invalid-notification-preference", "Each change names a kind and enabled true or false");
            }
            NotificationKind kind = kind(change.kind());
            if (kind.mandatory() && !change.enabled()) {
                throw new ServiceDeskException(
                        ServiceDeskException.Kind.RULE_VIOLATION,
                        "notification-kind-mandatory",
                        "Notification is mandatory",
                        kind + " notifications cannot be turned off",
                        Map.of("kind", kind.name()));
            }
            wanted.put(kind, change.enabled());
        }
        wanted.forEach((kind, enabled) -> preferences.set(username, kind, enabled));
        return of(username);
    }

    private List<Preference> of(String username) {
        Set<NotificationKind> off = preferences.turnedOff(username);
        return Arrays.stream(NotificationKind.values())
                .map(kind -> new Preference(kind, kind.mandatory(), kind.mandatory() || !off.contains(kind)))
                .toList();
    }

    private static NotificationKind kind(String name) {
        if (name != null) {
            for (NotificationKind kind : NotificationKind.values()) {
                if (kind.name().equalsIgnoreCase(name.strip())) {
                    return kind;
                }
            }
        }
        throw new ServiceDeskException(
                ServiceDeskException.Kind.INVALID_INPUT,
                "unknown-notification-kind",
                "Unknown notification kind",
                "kind is one of " + Arrays.toString(NotificationKind.values()),
                Map.of("kind", String.valueOf(name)));
    }
}
