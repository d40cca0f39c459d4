package pl.krakow.coi.servicedesk.sla;

import jakarta.validation.Valid;
import java.net.URI;
import java.time.Clock;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import pl.krakow.coi.servicedesk.platform.ServiceDeskException;
import pl.krakow.coi.servicedesk.platform.security.CurrentUsers;
import pl.krakow.coi.servicedesk.platform.web.ETags;

/**
 * The SLA configuration: calendars and policies (read by everyone signed in, changed by admins; the
 * ETag is the revision of the last change, If-Match is required to change), the history of changes,
 * and the recomputations that apply changes to open tickets (run by admins, read by admins and
 * managers).
 */
@RestController
@RequestMapping("/api/v1/sla")
class SlaAdminController {

    private static final int MAX_DAYS = 400;

    private final SlaAdministration administration;
    private final CurrentUsers currentUsers;
    private final Clock clock;

    SlaAdminController(SlaAdministration administration, CurrentUsers currentUsers, Clock clock) {
        this.administration = administration;
        this.currentUsers = currentUsers;
        this.clock = clock;
    }

    // ---- calendars

    @GetMapping("/calendars")
    List<SlaDtos.CalendarView> calendars() {
        return administration.calendars().stream().map(SlaDtos.CalendarView::of).toList();
    }

    @GetMapping("/calendars/{code}")
    ResponseEntity<SlaDtos.CalendarView> calendar(@PathVariable String code) {
        return calendarResponse(administration.calendar(code), HttpStatus.OK);
    }

    /** The calendar's days from {@code from} to {@code to} (inclusive, at most 400 days; default 31 from today). */
    @GetMapping("/calendars/{code}/days")
    List<SlaDtos.DayView> days(
            @PathVariable String code,
            @RequestParam(required = false) LocalDate from,
            @RequestParam(required = false) LocalDate to) {
        BusinessCalendar calendar = administration.calendar(code).value();
        LocalDate start = from != null ? from : LocalDate.now(clock.withZone(calendar.zone()));
        LocalDate end = to != null ? to : start.plusDays(30);
        if (end.isBefore(start) || ChronoUnit.DAYS.between(start, end) >= MAX_DAYS) {
            throw ServiceDeskException.invalid(
                    "invalid-date-range", "'to' must be on or after 'from', at most " + MAX_DAYS + " days");
        }
        return calendar.days(start, end).stream().map(SlaDtos.DayView::of).toList();
    }

    @PostMapping("/calendars")
    @PreAuthorize("hasRole('ADMIN')")
    ResponseEntity<SlaDtos.CalendarView> createCalendar(@Valid @RequestBody SlaDtos.CalendarRequest request) {
        Versioned<BusinessCalendar> created =
                administration.createCalendar(request.toCalendar(), currentUsers.current());
        return calendarResponse(created, HttpStatus.CREATED);
    }

    @PutMapping("/calendars/{code}")
    @PreAuthorize("hasRole('ADMIN')")
    ResponseEntity<SlaDtos.CalendarView> updateCalendar(
            @PathVariable String code,
            @RequestHeader(HttpHeaders.IF_MATCH) String ifMatch,
            @Valid @RequestBody SlaDtos.CalendarRequest request) {
        return calendarResponse(
                administration.updateCalendar(code, request.toCalendar(), ETags.parse(ifMatch), currentUsers.current()),
                HttpStatus.OK);
    }

    // ---- policies

    @GetMapping("/policies")
    List<SlaDtos.PolicyView> policies() {
        return administration.policies().stream().map(SlaDtos.PolicyView::of).toList();
    }

    @GetMapping("/policies/{code}")
    ResponseEntity<SlaDtos.PolicyView> policy(@PathVariable String code) {
        return policyResponse(administration.policy(code), HttpStatus.OK);
    }

    @PostMapping("/policies")
    @PreAuthorize("hasRole('ADMIN')")
    ResponseEntity<SlaDtos.PolicyView> createPolicy(@Valid @RequestBody SlaDtos.PolicyRequest request) {
        return policyResponse(
                administration.createPolicy(request.toPolicy(), currentUsers.current()), HttpStatus.CREATED);
    }

    @PutMapping("/policies/{code}")
    @PreAuthorize("hasRole('ADMIN')")
    ResponseEntity<SlaDtos.PolicyView> updatePolicy(
            @PathVariable String code,
            @RequestHeader(HttpHeaders.IF_MATCH) String ifMatch,
            @Valid @RequestBody SlaDtos.PolicyRequest request) {
        return policyResponse(
                administration.updatePolicy(code, request.toPolicy(), ETags.parse(ifMatch), currentUsers.current()),
                HttpStatus.OK);
    }

    @DeleteMapping("/policies/{code}")
    @PreAuthorize("hasRole('ADMIN')")
    ResponseEntity<Void> deletePolicy(@PathVariable String code, @RequestHeader(HttpHeaders.IF_MATCH) String ifMatch) {
        administration.deletePolicy(code, ETags.parse(ifMatch), currentUsers.current());
        return ResponseEntity.noContent().build();
    }

    // ---- holidays, revisions, recomputations

    /** Polish public holidays of a year, as the calendars compute them. */
    @GetMapping("/holidays")
    List<SlaDtos.HolidayView> holidays(@RequestParam int year) {
        if (year < 1583 || year > 9999) {
            throw ServiceDeskException.invalid("invalid-year", "A year from 1583 to 9999");
        }
        return PolishHolidays.of(year).entrySet().stream()
                .map(e -> new SlaDtos.HolidayView(e.getKey(), e.getKey().getDayOfWeek(), e.getValue()))
                .toList();
    }

    /** The configuration changes, newest first: who changed what, when. */
    @GetMapping("/revisions")
    List<ConfigRevision> revisions(@RequestParam(defaultValue = "50") int limit) {
        return administration.revisions(bounded(limit));
    }

    /** The whole configuration as of a revision (what tickets bound to it follow). */
    @GetMapping("/revisions/{revision}/configuration")
    SlaDtos.ConfigurationView configuration(@PathVariable long revision) {
        return SlaDtos.ConfigurationView.of(administration.ruleSet(revision));
    }

    @PostMapping("/recomputations")
    @PreAuthorize("hasRole('ADMIN')")
    ResponseEntity<Recomputation> recompute(@Valid @RequestBody SlaDtos.RecomputationRequest request) {
        Recomputation recomputation =
                administration.recompute(request.reason(), request.dryRun(), currentUsers.current());
        if (request.dryRun()) {
            return ResponseEntity.ok(recomputation);
        }
        return ResponseEntity.created(URI.create("/api/v1/sla/recomputations/" + recomputation.id()))
                .body(recomputation);
    }

    @GetMapping("/recomputations")
    @PreAuthorize("hasAnyRole('ADMIN', 'MANAGER')")
    List<Recomputation> recomputations(@RequestParam(defaultValue = "50") int limit) {
        return administration.recomputations(bounded(limit));
    }

    @GetMapping("/recomputations/{id}")
    @PreAuthorize("hasAnyRole('ADMIN', 'MANAGER')")
    Recomputation recomputation(@PathVariable long id) {
        return administration.recomputation(id);
    }

    private static int bounded(int limit) {
        if (limit < 1 || limit > 500) {
            throw ServiceDeskException.invalid("invalid-limit", "limit must be between 1 and 500");
        }
        return limit;
    }

    private static ResponseEntity<SlaDtos.CalendarView> calendarResponse(
            Versioned<BusinessCalendar> calendar, HttpStatus status) {
        ResponseEntity.BodyBuilder builder = status == HttpStatus.CREATED
                ? ResponseEntity.created(
                        URI.create("/api/v1/sla/calendars/" + calendar.value().code()))
                : ResponseEntity.ok();
        return builder.eTag(ETags.of(calendar.revision())).body(SlaDtos.CalendarView.of(calendar));
    }

    private static ResponseEntity<SlaDtos.PolicyView> policyResponse(Versioned<SlaPolicy> policy, HttpStatus status) {
        ResponseEntity.BodyBuilder builder = status == HttpStatus.CREATED
                ? ResponseEntity.created(
                        URI.create("/api/v1/sla/policies/" + policy.value().code()))
                : ResponseEntity.ok();
        return builder.eTag(ETags.of(policy.revision())).body(SlaDtos.PolicyView.of(policy));
    }
}
