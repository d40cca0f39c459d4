-- The event publication registry of Spring Modulith (ADR 0079): one row per event and listener, written in
-- the transaction that publishes the event, completed when the listener has handled it. The table is
-- Spring Modulith 2.1's own PostgreSQL schema (spring-modulith-events-jdbc 2.1.1,
-- schemas/v2/schema-postgresql.sql), unchanged, so that its repository finds the columns it expects;
-- Modulith's own schema initialisation is off (servicedesk-defaults.yml).
CREATE TABLE IF NOT EXISTS event_publication
(
  id                     UUID NOT NULL,
  listener_id            TEXT NOT NULL,
  event_type             TEXT NOT NULL,
  serialized_event       TEXT NOT NULL,
  publication_date       TIMESTAMP WITH TIME ZONE NOT NULL,
  completion_date        TIMESTAMP WITH TIME ZONE,
  status                 TEXT,
  completion_attempts    INT,
  last_resubmission_date TIMESTAMP WITH TIME ZONE,
  PRIMARY KEY (id)
);
CREATE INDEX IF NOT EXISTS event_publication_serialized_event_hash_idx ON event_publication USING hash(serialized_event);
CREATE INDEX IF NOT EXISTS event_publication_by_completion_date_idx ON event_publication (completion_date);
