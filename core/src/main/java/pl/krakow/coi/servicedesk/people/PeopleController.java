package pl.krakow.coi.servicedesk.people;

import java.util.List;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import pl.krakow.coi.servicedesk.platform.ServiceDeskException;

/**
 * Read API of the people register, for agents, managers and admins (requesters and other roles get 403):
 * people of a unit and/or whose name, username or e-mail contains {@code q} (any case; {@code %} and
 * {@code _} are ordinary characters), active ones unless {@code includeInactive}, by name, in pages of at most
 * 100.
 */
@RestController
@RequestMapping("/api/v1/people")
class PeopleController {

    private final People people;

    PeopleController(People people) {
        this.people = people;
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
