package pl.krakow.coi.servicedesk.ingest.legacy;

import java.util.List;

/** A legacy ticket ready to register: its updates in order and the plan that replays them. */
record LegacyTicket(String number, List<IncidentUpdate> updates, LegacyTicketBuilder.Plan plan) {}
