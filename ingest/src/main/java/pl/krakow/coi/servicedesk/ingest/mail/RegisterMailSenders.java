package pl.krakow.coi.servicedesk.ingest.mail;

import java.util.Locale;
import java.util.Optional;
import org.springframework.stereotype.Component;
import pl.krakow.coi.servicedesk.people.People;
import pl.krakow.coi.servicedesk.people.Person;

/** {@link MailSenders} on the people register. */
@Component
class RegisterMailSenders implements MailSenders {

    private final People people;

    RegisterMailSenders(People people) {
        this.people = people;
    }

    @Override
    public Optional<Known> byEmail(String email) {
        String wanted = email.trim().toLowerCase(Locale.ROOT);
        // Until the register can be asked by address: its text search, narrowed to the exact address.
        return people.search(null, wanted, false, 0, 20).stream()
                .filter(p -> p.email() != null && p.email().trim().equalsIgnoreCase(wanted))
                .sorted((a, b) -> Boolean.compare(b.active(), a.active()))
                .findFirst()
                .map(RegisterMailSenders::known);
    }

    @Override
    public Optional<String> emailOf(String username) {
        return people.find(username).map(Person::email).filter(e -> !e.isBlank());
    }

    private static Known known(Person person) {
        return new Known(person.username(), person.displayName(), person.unitCode());
    }
}
