-- A reclassified ticket gets a number of its new type (ADR 0005); the numbers it had before still find it.
CREATE TABLE ticket_former_number (
    number    varchar(24) PRIMARY KEY,
    ticket_id bigint      NOT NULL REFERENCES ticket (id) ON DELETE CASCADE
);
CREATE INDEX ticket_former_number_ticket ON ticket_former_number (ticket_id);
