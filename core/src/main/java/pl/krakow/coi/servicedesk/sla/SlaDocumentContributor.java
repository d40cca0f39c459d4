package pl.krakow.coi.servicedesk.sla;

import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;
import pl.krakow.coi.servicedesk.search.SearchFieldType;
import pl.krakow.coi.servicedesk.search.TicketDocument;
import pl.krakow.coi.servicedesk.search.TicketDocumentContributor;
import pl.krakow.coi.servicedesk.search.TicketFields;
import pl.krakow.coi.servicedesk.ticket.domain.TicketState;

/**
 * The SLA figures of the ticket document, computed for a whole batch at once ({@link
 * SlaService#statuses}) as of the moment it is indexed: the state of each target and the worst of
 * the two ({@code slaState}), whether each target was met, and the business time to the first
 * response and to resolution (the clocks' elapsed time: office hours of the policy's calendars,
 * without the pauses while waiting for the requester). A running clock's state can change with
 * time alone; the SLA timers record each warning and breach as an event, which reindexes the
 * ticket.
 */
@Component
class SlaDocumentContributor implements TicketDocumentContributor {

    static final String RESPONSE_STATE = TicketFields.SLA_RESPONSE_STATE;
    static final String RESOLUTION_STATE = TicketFields.SLA_RESOLUTION_STATE;
    static final String RESPONSE_MET = TicketFields.SLA_RESPONSE_MET;
    static final String RESOLUTION_MET = TicketFields.SLA_RESOLUTION_MET;
    static final String BUSINESS_MINUTES_TO_FIRST_RESPONSE = TicketFields.BUSINESS_MINUTES_TO_FIRST_RESPONSE;
    static final String BUSINESS_MINUTES_TO_RESOLVE = TicketFields.BUSINESS_MINUTES_TO_RESOLVE;

    /** Worst first: the order in which {@code slaState} picks a target's state. */
    private static final List<TargetState> SEVERITY = List.of(
            TargetState.BREACHED, TargetState.RUNNING, TargetState.PAUSED, TargetState.MET, TargetState.CANCELLED);

    private final SlaService sla;
    private final Clock clock;

    SlaDocumentContributor(SlaService sla, Clock clock) {
        this.sla = sla;
        this.clock = clock;
    }

    @Override
    public Map<String, SearchFieldType> fields() {
        Map<String, SearchFieldType> fields = new LinkedHashMap<>();
        fields.put(TicketFields.SLA_STATE, SearchFieldType.KEYWORD);
        fields.put(RESPONSE_STATE, SearchFieldType.KEYWORD);
        fields.put(RESOLUTION_STATE, SearchFieldType.KEYWORD);
        fields.put(RESPONSE_MET, SearchFieldType.BOOLEAN);
        fields.put(RESOLUTION_MET, SearchFieldType.BOOLEAN);
        fields.put(BUSINESS_MINUTES_TO_FIRST_RESPONSE, SearchFieldType.LONG);
        fields.put(BUSINESS_MINUTES_TO_RESOLVE, SearchFieldType.LONG);
        return fields;
    }

    @Override
    public void contribute(List<TicketDocument.Builder> batch) {
        Map<Long, SlaStatus> statuses =
                sla.statuses(batch.stream().map(TicketDocument.Builder::ticket).toList(), clock.instant());
        for (TicketDocument.Builder document : batch) {
            SlaStatus status = statuses.get(document.ticket().id());
            if (status != null) {
                fill(document, document.ticket(), status);
            }
        }
    }

    static void fill(TicketDocument.Builder document, TicketState ticket, SlaStatus status) {
        TargetStatus response = status.response();
        TargetStatus resolution = status.resolution();
        document.set(
                        TicketFields.SLA_STATE,
                        worst(response.state(), resolution.state()).name())
                .set(RESPONSE_STATE, response.state().name())
                .set(RESOLUTION_STATE, resolution.state().name())
                .set(RESPONSE_MET, met(response))
                .set(RESOLUTION_MET, met(resolution))
                .set(
                        BUSINESS_MINUTES_TO_FIRST_RESPONSE,
                        ticket.firstResponseAt() != null && response.clock() == ClockState.STOPPED
                                ? minutes(response.elapsed())
                                : null)
                .set(
                        BUSINESS_MINUTES_TO_RESOLVE,
                        ticket.resolvedAt() != null && resolution.clock() == ClockState.STOPPED
                                ? minutes(resolution.elapsed())
                                : null);
    }

    /** True when the target was met, false when breached (even while the clock still runs), else null. */
    static Boolean met(TargetStatus target) {
        return switch (target.state()) {
            case MET -> Boolean.TRUE;
            case BREACHED -> Boolean.FALSE;
            default -> null;
        };
    }

    static TargetState worst(TargetState a, TargetState b) {
        return SEVERITY.indexOf(a) <= SEVERITY.indexOf(b) ? a : b;
    }

    private static Long minutes(Duration duration) {
        return duration.toMinutes();
    }
}
