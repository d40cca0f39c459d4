package pl.krakow.coi.servicedesk.search;

import java.util.List;
import java.util.Map;

/**
 * Adds fields of another capability to the ticket document, e.g. the SLA state (the SLA capability)
 * or durations in business time and escalation flags (reporting). Implement it as a bean: its fields
 * are added to the index mapping at start-up (new fields can be added to the live index; documents
 * get them as they are next indexed, all of them on the next reindex), and it is called for every
 * batch of tickets the relay or the reindex job sends.
 */
public interface TicketDocumentContributor {

    /** The fields this contributor sets, by name, with their type. Names must not clash with others. */
    Map<String, SearchFieldType> fields();

    /**
     * Sets this contributor's fields on a batch of documents. Load what you need for the whole batch at
     * once (one query, not one per ticket): a reindex sends millions of tickets through here. Leave a
     * field unset (or set it to null) when it has no value.
     */
    void contribute(List<TicketDocument.Builder> batch);
}
