package pl.krakow.coi.servicedesk.app.demo;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;
import pl.krakow.coi.servicedesk.app.StartupReportContributor;
import pl.krakow.coi.servicedesk.platform.security.CurrentUser;
import pl.krakow.coi.servicedesk.platform.security.Role;

/** Prints the demo logins in the start-up report. */
@Component
@ConditionalOnProperty(name = "servicedesk.demo-data.enabled", havingValue = "true")
class DemoLogins implements StartupReportContributor {

    @Override
    public List<String> lines(String baseUrl) {
        List<String> lines = new ArrayList<>();
        lines.add("  Demo logins      password '" + DemoAccounts.PASSWORD + "' for every user; a token:");
        lines.add("                   curl -s -X POST " + baseUrl
                + "/api/v1/auth/token -H 'Content-Type: application/json'"
                + " -d '{\"username\":\"jan.kowalski\",\"password\":\"" + DemoAccounts.PASSWORD + "\"}'");
        for (CurrentUser user : DemoAccounts.all()) {
            lines.add(String.format(
                    "                   %-18s %-28s %s",
                    user.username(),
                    user.roles().stream().map(Role::name).sorted().collect(Collectors.joining(",")),
                    user.unit().orElse("") + "  " + user.displayName()));
        }
        return lines;
    }
}
