package pl.krakow.coi.servicedesk.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import pl.krakow.coi.servicedesk.licence.LicenceDetails;
import pl.krakow.coi.servicedesk.licence.LicenceService;
import pl.krakow.coi.servicedesk.licence.SoftwareCatalogue;
import pl.krakow.coi.servicedesk.licence.domain.LicenceMetric;
import pl.krakow.coi.servicedesk.people.People;
import pl.krakow.coi.servicedesk.platform.security.CurrentUser;
import pl.krakow.coi.servicedesk.platform.security.Role;
import pl.krakow.coi.servicedesk.testing.IntegrationTest;

/**
 * Licence-expiry notices end to end over a real SMTP server (GreenMail): the licences of one run reach each
 * administrator in one mail, in the administrator's language; a second run and the next threshold behave.
 */
@IntegrationTest(
        properties = {
            "spring.mail.host=127.0.0.1",
            "servicedesk.notifications.sender.poll-interval=100ms",
            "servicedesk.notifications.licence-administrators=lic.admin",
            "servicedesk.notifications.licence-administrators-unit=IT-04-3"
        })
class LicenceExpiryMailIT {

    static final Mailbox smtp = new Mailbox();
    static final CurrentUser LICENCE_ADMIN =
            new CurrentUser("lic.admin", "Licencje Admin", EnumSet.of(Role.LICENCE_ADMIN), Optional.of("IT-04-3"));

    @DynamicPropertySource
    static void mailServer(DynamicPropertyRegistry registry) {
        registry.add("spring.mail.port", smtp::port);
    }

    @AfterAll
    static void stopMailServer() {
        smtp.stop();
    }

    @Autowired
    LicenceExpiryNotices notices;

    @Autowired
    LicenceService licences;

    @Autowired
    SoftwareCatalogue catalogue;

    @Autowired
    People people;

    @Autowired
    JdbcClient jdbc;

    @Test
    void theLicencesOfARunReachEachAdministratorInOneMailInTheirLanguage() {
        Instant now = Instant.now();
        people.upsert("lic.admin", "Licencje Admin", "lic.admin@um.krakow.pl", "IT-01-3", "en", "manual", now);
        people.upsert("zofia.lic", "Zofia Lic", "zofia.lic@um.krakow.pl", "IT-04-3", "manual", now);
        people.upsert("bez.maila", "Bez Maila", null, "IT-04-3", "manual", now);
        long product = catalogue
                .createProduct("Adobe", "Acrobat Pro", true, null, LICENCE_ADMIN)
                .id();
        LocalDate today = LocalDate.of(2101, 3, 1);
        licence("Acrobat – umowa 7/2024", product, today.plusDays(80));
        licence("Acrobat – umowa 9/2025", product, today.plusDays(25));
        licence("Acrobat – wieczysta", product, today.plusDays(400));

        LicenceExpiryNotices.Batch batch = notices.run(today).orElseThrow();
        assertThat(batch.administrators()).containsExactly("lic.admin", "zofia.lic");
        await().atMost(Duration.ofSeconds(30)).until(() -> smtp.all().size() >= 2);

        List<Mailbox.Mail> toAdmin = to("lic.admin@um.krakow.pl");
        List<Mailbox.Mail> toZofia = to("zofia.lic@um.krakow.pl");
        assertThat(toAdmin).hasSize(1);
        assertThat(toZofia).hasSize(1);
        assertThat(toAdmin.get(0).all())
                .contains("Acrobat – umowa 7/2024", "Acrobat – umowa 9/2025", "Adobe Acrobat Pro")
                .contains("These licences expire within")
                .doesNotContain("wieczysta");
        assertThat(toZofia.get(0).all())
                .contains("Acrobat – umowa 7/2024", "Acrobat – umowa 9/2025")
                .contains("Te licencje wygasają");
        assertThat(toAdmin.get(0).header("Auto-Submitted")).isEqualTo("auto-generated");

        assertThat(notices.run(today)).isEmpty();
        assertThat(notices.run(today.plusDays(1))).isEmpty();
        // 60 days before the first one's end: one more mail each, with that licence only.
        notices.run(today.plusDays(20)).orElseThrow();
        await().atMost(Duration.ofSeconds(30)).until(() -> smtp.all().size() >= 4);
        Mailbox.Mail second = to("lic.admin@um.krakow.pl").get(1);
        assertThat(second.all()).contains("Acrobat – umowa 7/2024").doesNotContain("umowa 9/2025");
        assertThat(jdbc.sql("SELECT count(*) FROM notification_delivery WHERE kind = 'LICENCE_EXPIRING'")
                        .query(Long.class)
                        .single())
                .isEqualTo(4);
        assertThat(smtp.all()).hasSize(4);
    }

    private List<Mailbox.Mail> to(String address) {
        return smtp.all().stream().filter(m -> m.to().contains(address)).toList();
    }

    private void licence(String name, long product, LocalDate until) {
        licences.register(
                LicenceDetails.builder(name, LicenceMetric.PER_DEVICE)
                        .products(product)
                        .quantity(5)
                        .valid(until.minusYears(1), until)
                        .build(),
                LICENCE_ADMIN);
    }
}
