package pl.krakow.coi.servicedesk.search;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import pl.krakow.coi.servicedesk.ticket.domain.Comment;
import pl.krakow.coi.servicedesk.ticket.domain.TicketState;

/**
 * A ticket as the search index holds it: its fields by name ({@link TicketFields} and the fields of
 * {@link TicketDocumentContributor}s), the ticket's id as document id and its version as the
 * document's external version (so a stale write never overwrites a newer one).
 */
public final class TicketDocument {

    private final long id;
    private final long version;
    private final Map<String, Object> fields;

    private TicketDocument(long id, long version, Map<String, Object> fields) {
        this.id = id;
        this.version = version;
        this.fields = Collections.unmodifiableMap(fields);
    }

    public long id() {
        return id;
    }

    public long version() {
        return version;
    }

    /** The document's fields; null values are left out. */
    public Map<String, Object> fields() {
        return fields;
    }

    /**
     * Builds one document. The search capability sets the ticket's own fields; contributors add
     * theirs. Only declared fields may be set, so a typo fails in tests, not in Elasticsearch.
     */
    public static final class Builder {

        private final TicketState ticket;
        private final List<Comment> publicComments;
        private final Set<String> declared;
        private final Map<String, Object> fields;
        private boolean built;

        Builder(TicketState ticket, List<Comment> publicComments, Set<String> declared) {
            this.ticket = ticket;
            this.publicComments = List.copyOf(publicComments);
            this.declared = declared;
            // Sized for every declared field: a reindex builds millions of these.
            this.fields = new LinkedHashMap<>(declared.size() * 4 / 3 + 1);
        }

        /** The ticket the document is for. */
        public TicketState ticket() {
            return ticket;
        }

        /** The ticket's public comments, oldest first. */
        public List<Comment> publicComments() {
            return publicComments;
        }

        /** Sets a field; null removes it. */
        public Builder set(String field, Object value) {
            if (built) {
                throw new IllegalStateException("The document of ticket " + ticket.id() + " is built");
            }
            if (!declared.contains(field)) {
                throw new IllegalArgumentException("Field " + field + " is not declared in the ticket index mapping;"
                        + " declare it in a TicketDocumentContributor's fields()");
            }
            if (value == null) {
                fields.remove(field);
            } else {
                fields.put(field, value);
            }
            return this;
        }

        /** The document; the builder hands its fields over and takes no more. */
        TicketDocument build() {
            built = true;
            return new TicketDocument(ticket.id(), ticket.version(), fields);
        }
    }
}
