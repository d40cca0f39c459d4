package pl.krakow.coi.servicedesk.people;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import pl.krakow.coi.servicedesk.platform.ServiceDeskException;
import pl.krakow.coi.servicedesk.platform.security.CurrentUser;
import pl.krakow.coi.servicedesk.platform.security.CurrentUsers;
import pl.krakow.coi.servicedesk.platform.security.Role;

/**
 * Read API of the people register, for agents, managers and admins (requesters and other roles get 403):
 * people of a unit and/or whose name, username or e-mail contains {@code q} (any case; {@code %} and
 * {@code _} are ordinary characters), active ones unless {@code includeInactive}, by name, in pages of at most
 * 100. Each person carries their {@code language} ({@code pl} or {@code en}), the language they are written to
 * in; an admin or the person themselves reads one person and sets their language.
 */
@RestController
@RequestMapping("/api/v1/people")
class PeopleController {

    /** The body of a language change. */
    record LanguageChange(String language) {}

    private final People people;
    private final CurrentUsers currentUsers;
    private final Clock clock;

    PeopleController(People people, CurrentUsers currentUsers, Clock clock) {
        this.people = people;
        this.currentUsers = currentUsers;
        this.clock = clock;
    }

    /** One person: for staff, and for the person themselves. */
    @GetMapping("/{username}")
    Person get(@PathVariable String username) {
        CurrentUser user = currentUsers.current();
        if (!user.username().equals(username) && !user.hasAny(Role.AGENT, Role.MANAGER, Role.ADMIN)) {
            throw forbidden();
        }
        return people.find(username).orElseThrow(() -> ServiceDeskException.notFound("Person", username));
    }

    /** Sets a person's language: an admin for anyone, everyone else for themselves only. */
    @PutMapping("/{username}/language")
    Person setLanguage(@PathVariable String username, @RequestBody LanguageChange change) {
        CurrentUser user = currentUsers.current();
        if (!user.username().equals(username) && !user.has(Role.ADMIN)) {
            throw forbidden();
        }
        String language = change.language() == null ? null : change.language().strip();
        if (!Person.supportedLanguage(language)) {
            throw new ServiceDeskException(
                    ServiceDeskException.Kind.INVALID_INPUT,
                    "unsupported-language",
                    "Unsupported language",
                    "language is one of " + Person.LANGUAGES,
                    Map.of("supported", Person.LANGUAGES));
        }
        return people.setLanguage(username, language, clock.instant())
                .orElseThrow(() -> ServiceDeskException.notFound("Person", username));
    }

    private static ServiceDeskException forbidden() {
        return new ServiceDeskException(
                ServiceDeskException.Kind.FORBIDDEN,
                "forbidden",
                "Forbidden",
                "Only an admin or the person themselves may do this");
    }

    @GetMapping
    @PreAuthorize("hasAnyRole('AGENT', 'MANAGER', 'ADMIN')")
    List<Person> search(
            @RequestParam(required = false) String unit,
            @RequestParam(required = false) String q,
            @RequestParam(defaultValue = "false") boolean includeInactive,
            @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "50") int size) {
        if (size < 1 || size > 100 || page < 0 || page > 10_000) {
            throw ServiceDeskException.invalid("invalid-page-size", "Page size must be 1 to 100, page 0 to 10000");
        }
        if (q != null && q.strip().length() > 100) {
            throw ServiceDeskException.invalid("query-too-long", "q has at most 100 characters");
        }
        if (unit != null && !unit.isBlank() && !unit.strip().matches("[A-Z0-9][A-Z0-9-]{0,19}")) {
            throw ServiceDeskException.invalid("invalid-unit", "unit is a unit code such as KP-01");
        }
        return people.search(
                unit == null || unit.isBlank() ? null : unit.strip(),
                q == null || q.isBlank() ? null : q.strip(),
                !includeInactive,
                page,
                size);
    }
}
