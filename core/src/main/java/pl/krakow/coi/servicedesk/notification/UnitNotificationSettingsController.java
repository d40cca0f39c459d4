package pl.krakow.coi.servicedesk.notification;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import pl.krakow.coi.servicedesk.notification.NotificationSettings.Delivery;
import pl.krakow.coi.servicedesk.notification.NotificationSettings.UnitSettings;
import pl.krakow.coi.servicedesk.organisation.CatalogueAudit;
import pl.krakow.coi.servicedesk.organisation.Organisation;
import pl.krakow.coi.servicedesk.people.People;
import pl.krakow.coi.servicedesk.platform.ServiceDeskException;
import pl.krakow.coi.servicedesk.platform.security.CurrentUsers;
import pl.krakow.coi.servicedesk.platform.web.ETags;

/**
 * Admin API of the units' notification settings ({@code /api/v1/notification-settings/units}): how each unit
 * receives the notifications addressed to it (its mailbox or its active members) and who heads it. Admins only.
 * Every change is recorded with its author in {@code notification_unit_setting_audit} (by the database, as the
 * catalogue's changes are).
 */
@RestController
@RequestMapping("/api/v1/notification-settings/units")
@PreAuthorize("hasRole('ADMIN')")
class UnitNotificationSettingsController {

    private static final Pattern MAILBOX = Pattern.compile("[^@\\s\"<>,;]+@[^@\\s\"<>,;]+\\.[^@\\s\"<>,;]+");
    private static final Pattern USERNAME = Pattern.compile("[\\p{L}\\p{N}._@-]{1,100}");

    /**
     * A unit's settings as the API shows them.
     *
     * @param configured false when nobody has set them (the defaults: its active members, no mailbox, no head)
     */
    record View(
            String unitCode, Delivery delivery, String mailbox, String headUsername, boolean configured, long version) {

        static View of(UnitNotificationSettings.Stored stored) {
            UnitSettings s = stored.settings();
            return new View(
                    s.unitCode(), s.delivery(), s.mailbox(), s.headUsername(), stored.configured(), stored.version());
        }
    }

    /** The body of a change: {@code delivery} MAILBOX or AGENTS, {@code mailbox} required for MAILBOX. */
    record Change(String delivery, String mailbox, String headUsername) {}

    private final UnitNotificationSettings settings;
    private final Organisation organisation;
    private final People people;
    private final CatalogueAudit audit;
    private final CurrentUsers currentUsers;

    UnitNotificationSettingsController(
            UnitNotificationSettings settings,
            Organisation organisation,
            People people,
            CatalogueAudit audit,
            CurrentUsers currentUsers) {
        this.settings = settings;
        this.organisation = organisation;
        this.people = people;
        this.audit = audit;
        this.currentUsers = currentUsers;
    }

    /** Every unit's settings (the defaults for a unit nobody configured), by unit code. */
    @GetMapping
    List<View> list() {
        Map<String, UnitNotificationSettings.Stored> stored = settings.findAll().stream()
                .collect(Collectors.toMap(s -> s.settings().unitCode(), Function.identity()));
        return organisation.units().stream()
                .map(unit -> View.of(stored.getOrDefault(unit.code(), defaults(unit.code()))))
                .toList();
    }

    @GetMapping("/{code}")
    ResponseEntity<View> get(@PathVariable String code) {
        View view = View.of(current(code));
        return ResponseEntity.ok().eTag(ETags.of(view.version())).body(view);
    }

    /**
     * Sets a unit's settings. With {@code If-Match} (the ETag of the GET; {@code "0"} for a unit nobody configured)
     * the change applies only to that version (412 otherwise); without it, it replaces whatever is stored.
     */
    @PutMapping("/{code}")
    @Transactional
    ResponseEntity<View> put(
            @PathVariable String code,
            @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch,
            @RequestBody Change change) {
        organisation.require(code);
        UnitSettings wanted = validated(code, change);
        audit.actAs(currentUsers.current());
        View view = View.of(settings.save(wanted, ifMatch == null ? null : ETags.parse(ifMatch)));
        return ResponseEntity.ok().eTag(ETags.of(view.version())).body(view);
    }

    /** Who changed the unit's settings, when, from what to what; newest first. */
    @GetMapping("/{code}/history")
    List<UnitNotificationSettings.Change> history(
            @PathVariable String code, @RequestParam(defaultValue = "50") int limit) {
        organisation.require(code);
        if (limit < 1 || limit > 500) {
            throw ServiceDeskException.invalid("invalid-limit", "limit is 1 to 500");
        }
        return settings.history(code, limit);
    }

    private UnitNotificationSettings.Stored current(String code) {
        organisation.require(code);
        return settings.find(code).orElseGet(() -> defaults(code));
    }

    private static UnitNotificationSettings.Stored defaults(String code) {
        return new UnitNotificationSettings.Stored(UnitSettings.defaults(code), false, 0);
    }

    private UnitSettings validated(String code, Change change) {
        Delivery delivery = delivery(change.delivery());
        String mailbox = blankToNull(change.mailbox());
        if (mailbox != null
                && (mailbox.length() > 254 || !MAILBOX.matcher(mailbox).matches())) {
            throw new ServiceDeskException(
                    ServiceDeskException.Kind.INVALID_INPUT,
                    "invalid-mailbox",
                    "Invalid mailbox",
                    "mailbox must be one e-mail address such as it-04-2@um.krakow.pl (at most 254 characters)");
        }
        if (delivery == Delivery.MAILBOX && mailbox == null) {
            throw new ServiceDeskException(
                    ServiceDeskException.Kind.INVALID_INPUT,
                    "mailbox-required",
                    "Mailbox required",
                    "A unit whose notifications go to its mailbox needs the mailbox's address");
        }
        String head = blankToNull(change.headUsername());
        if (head != null
                && (!USERNAME.matcher(head).matches()
                        || people.find(head).filter(p -> p.active()).isEmpty())) {
            throw new ServiceDeskException(
                    ServiceDeskException.Kind.INVALID_INPUT,
                    "unknown-head",
                    "Unknown head",
                    "headUsername must be an active person of the people register",
                    Map.of("headUsername", head));
        }
        return new UnitSettings(code, delivery, mailbox == null ? null : mailbox.toLowerCase(Locale.ROOT), head);
    }

    private static Delivery delivery(String value) {
        if (value != null) {
            for (Delivery delivery : Delivery.values()) {
                if (delivery.name().equalsIgnoreCase(value.strip())) {
                    return delivery;
                }
            }
        }
        throw new ServiceDeskException(
                ServiceDeskException.Kind.INVALID_INPUT,
                "invalid-delivery",
                "Invalid delivery",
                "delivery is MAILBOX (the unit's mailbox) or AGENTS (its active members)",
                Map.of("allowed", List.of(Delivery.MAILBOX.name(), Delivery.AGENTS.name())));
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
