package pl.krakow.coi.servicedesk.ingest.mail;

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
        // The one active person with the address; a shared address says nobody in particular: unknown.
        return people.findByEmail(email).map(RegisterMailSenders::known);
    }

    @Override
    public Optional<String> emailOf(String username) {
        return people.find(username).map(Person::email).filter(e -> !e.isBlank());
    }

    private static Known known(Person person) {
        return new Known(person.username(), person.displayName(), person.unitCode());
    }
}
