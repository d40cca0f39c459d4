package pl.krakow.coi.servicedesk.sla;

import java.util.List;

/**
 * A ticket's service levels: the configuration revision it is bound to, the policy that applies, the
 * computed status, and the alerts raised so far.
 */
record TicketSla(
        long ticketId,
        String number,
        long configRevision,
        SlaPolicy policy,
        SlaStatus status,
        List<RaisedAlert> alerts) {

    public TicketSla {
        alerts = List.copyOf(alerts);
    }
}
