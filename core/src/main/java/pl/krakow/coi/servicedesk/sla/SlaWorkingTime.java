package pl.krakow.coi.servicedesk.sla;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.springframework.stereotype.Component;
import pl.krakow.coi.servicedesk.ticket.WorkingTime;

/** Business time by the calendars of the current SLA configuration revision, for others than the SLA clocks. */
@Component
class SlaWorkingTime implements WorkingTime {

    private final SlaConfigurations configurations;

    SlaWorkingTime(SlaConfigurations configurations) {
        this.configurations = configurations;
    }

    @Override
    public Optional<Instant> plus(String calendar, Instant from, Duration amount) {
        return calendar(calendar).map(c -> c.plusBusinessTime(from, amount));
    }

    @Override
    public Optional<Duration> between(String calendar, Instant from, Instant to) {
        return calendar(calendar).map(c -> c.businessTime(from, to));
    }

    private Optional<BusinessCalendar> calendar(String code) {
        return Optional.ofNullable(
                configurations.at(configurations.currentRevision()).calendars().get(code));
    }
}
