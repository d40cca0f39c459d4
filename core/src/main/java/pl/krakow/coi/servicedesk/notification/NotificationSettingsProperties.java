package pl.krakow.coi.servicedesk.notification;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Who administers the licences, for the licence-expiry notices ({@code servicedesk.notifications.*}).
 *
 * @param licenceAdministrators usernames of the people told of expiring licences
 * @param licenceAdministratorsUnit a unit whose active members are told as well (by default {@code IT-04-3}, which
 *     keeps the software and licence register); empty for none
 */
@ConfigurationProperties("servicedesk.notifications")
record NotificationSettingsProperties(List<String> licenceAdministrators, String licenceAdministratorsUnit) {

    NotificationSettingsProperties {
        licenceAdministrators = licenceAdministrators == null
                ? List.of()
                : licenceAdministrators.stream()
                        .filter(u -> u != null && !u.isBlank())
                        .map(String::strip)
                        .distinct()
                        .toList();
        licenceAdministratorsUnit = licenceAdministratorsUnit == null || licenceAdministratorsUnit.isBlank()
                ? null
                : licenceAdministratorsUnit.strip();
    }
}
