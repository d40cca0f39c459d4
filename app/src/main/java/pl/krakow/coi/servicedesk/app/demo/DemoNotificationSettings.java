package pl.krakow.coi.servicedesk.app.demo;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import pl.krakow.coi.servicedesk.organisation.CatalogueAudit;
import pl.krakow.coi.servicedesk.people.People;
import pl.krakow.coi.servicedesk.platform.security.CurrentUser;

/**
 * The demo's notification settings: one requester reads English (the people are registered by DemoData, with
 * addresses on the embedded run's own mail server, so nothing a demo sends leaves the machine); IT-04-2 goes to its agents and is headed by {@code kierownik.it042}, the deputies'
 * units are headed by {@code zastepca1..3}, and IT-05-1 shows a unit mailbox. Stored settings are left alone,
 * so an admin's changes survive a restart.
 */
@Component
@ConditionalOnProperty(name = "servicedesk.demo-data.enabled", havingValue = "true")
class DemoNotificationSettings {

    /** unit code → delivery, mailbox (or null), head (or null). */
    static final Map<String, List<String>> UNITS = Map.of(
            "IT-04-2", Arrays.asList("AGENTS", null, "kierownik.it042"),
            "COI-Z1", Arrays.asList("AGENTS", null, "zastepca1"),
            "COI-Z2", Arrays.asList("AGENTS", null, "zastepca2"),
            "COI-Z3", Arrays.asList("AGENTS", null, "zastepca3"),
            "COI-DYR", Arrays.asList("AGENTS", null, "dyrektor"),
            "IT-05-1", Arrays.asList("MAILBOX", "it-05-1@coi.krakow.pl", null));

    private final People people;
    private final JdbcClient jdbc;
    private final CatalogueAudit audit;
    private final TransactionTemplate transaction;
    private final java.time.Clock clock;

    DemoNotificationSettings(
            People people,
            JdbcClient jdbc,
            CatalogueAudit audit,
            TransactionTemplate transaction,
            java.time.Clock clock) {
        this.people = people;
        this.jdbc = jdbc;
        this.audit = audit;
        this.transaction = transaction;
        this.clock = clock;
    }

    void seed() {
        // The people themselves are in the register already (DemoData, with their addresses on the demo mail
        // server); one of them reads English.
        people.setLanguage("piotr.wisniewski", "en", clock.instant());
        transaction.executeWithoutResult(status -> {
            audit.actAs(CurrentUser.system("demo-data"));
            UNITS.forEach((unit, settings) -> jdbc.sql("""
                            INSERT INTO notification_unit_setting (unit_code, delivery, mailbox, head_username)
                            VALUES (:unit, :delivery, :mailbox, :head)
                            ON CONFLICT (unit_code) DO NOTHING
                            """)
                    .param("unit", unit)
                    .param("delivery", settings.get(0))
                    .param("mailbox", settings.get(1))
                    .param("head", settings.get(2))
                    .update());
        });
    }
}
