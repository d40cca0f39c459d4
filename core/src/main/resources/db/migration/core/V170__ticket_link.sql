-- One ticket refers to another (issue 24, ADR 0090): the e-mail channel links a follow-up of a closed ticket, and
-- a stranger's mail about someone's ticket, to that ticket. One row per ordered pair: linking again changes nothing.
CREATE TABLE ticket_link (
    id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    ticket_id        bigint       NOT NULL REFERENCES ticket (id),
    linked_ticket_id bigint       NOT NULL REFERENCES ticket (id),
    kind             varchar(20)  NOT NULL CHECK (kind IN ('FOLLOW_UP', 'MENTIONS')),
    created_by       varchar(100) NOT NULL,
    created_at       timestamptz  NOT NULL,
    UNIQUE (ticket_id, linked_ticket_id),
    CHECK (ticket_id <> linked_ticket_id)
);
-- The other direction of a ticket's links (the unique key serves the referring one).
CREATE INDEX ticket_link_linked ON ticket_link (linked_ticket_id);
