package pl.krakow.coi.servicedesk.people;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import pl.krakow.coi.servicedesk.testing.IntegrationTest;

/**
 * A person by their e-mail address (the e-mail channel's sender): case-insensitive and trimmed, only active people,
 * and nobody when several active people share the address.
 */
@IntegrationTest
class PeopleByEmailIT {

    @Autowired
    People people;

    @Autowired
    JdbcClient jdbc;

    @BeforeEach
    void people() {
        jdbc.sql("DELETE FROM person").update();
        Instant now = Instant.now();
        people.upsert("anna.nowak", "Anna Nowak", "Anna.Nowak@um.krakow.pl", "KP-01", "manual", now);
        people.upsert("piotr.wisniewski", "Piotr Wiśniewski", null, "KP-01", "manual", now);
        people.upsert("sekretariat.a", "Sekretariat A", "sekretariat@um.krakow.pl", "KP-01", "manual", now);
        people.upsert("sekretariat.b", "Sekretariat B", "SEKRETARIAT@um.krakow.pl", "KP-01", "manual", now);
        people.upsert("ewa.odeszla", "Ewa Odeszła", "ewa@um.krakow.pl", "KP-01", "manual", now);
        people.upsert("ewa.nowa", "Ewa Nowa", "ewa@um.krakow.pl", "KP-01", "manual", now);
        jdbc.sql("UPDATE person SET active = false WHERE username = 'ewa.odeszla'")
                .update();
    }

    @Test
    void findsTheActivePersonByAddressIgnoringCaseAndSurroundingSpace() {
        assertThat(people.findByEmail("  anna.nowak@UM.krakow.pl "))
                .hasValueSatisfying(p -> assertThat(p.username()).isEqualTo("anna.nowak"));
        assertThat(people.findByEmail("ewa@um.krakow.pl"))
                .hasValueSatisfying(p -> assertThat(p.username()).isEqualTo("ewa.nowa"));
    }

    @Test
    void anUnknownBlankOrSharedAddressFindsNobody() {
        assertThat(people.findByEmail("obcy@example.com")).isEmpty();
        assertThat(people.findByEmail(" ")).isEmpty();
        assertThat(people.findByEmail(null)).isEmpty();
        assertThat(people.findByEmail("sekretariat@um.krakow.pl")).isEmpty();
    }

    @Test
    void theLookupUsesTheIndexOnTheLowerCasedAddress() {
        assertThat(jdbc.sql("SELECT indexdef FROM pg_indexes WHERE indexname = 'person_email'")
                        .query(String.class)
                        .single())
                .containsIgnoringCase("lower((email)::text)");
    }
}
