-- Search (Elasticsearch) bookkeeping. The outbox itself (V103) belongs to the tickets; these tables
-- belong to the search capability.

-- A full reindex: a Spring Batch job builds a new versioned index from PostgreSQL and swaps the alias.
-- While a row is RUNNING, the outbox relay writes every change to the new index as well (through the
-- reindex alias), so that nothing committed during the reindex is lost.
CREATE TABLE search_reindex (
    id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    target_index     varchar(255) NOT NULL,
    write_alias      varchar(255) NOT NULL,
    status           varchar(12)  NOT NULL CHECK (status IN ('RUNNING', 'COMPLETED', 'ABANDONED')),
    -- the Spring Batch job instance (stable across restarts) and its latest execution
    job_instance_id  bigint,
    job_execution_id bigint,
    -- the highest ticket id when the copy started; every ticket up to it is copied by the job,
    -- every later one reaches the new index through the relay
    max_ticket_id    bigint,
    requested_by     varchar(100) NOT NULL,
    started_at       timestamptz  NOT NULL,
    finished_at      timestamptz,
    heartbeat_at     timestamptz  NOT NULL
);
-- At most one reindex runs at a time, across all replicas.
CREATE UNIQUE INDEX search_reindex_one_running ON search_reindex ((true)) WHERE status = 'RUNNING';

-- Documents Elasticsearch refused for good (a mapping error, a document too large): kept here with
-- the reason instead of blocking the outbox; a later change or a reindex tries again.
CREATE TABLE search_index_failure (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    ticket_id   bigint        NOT NULL,
    index_name  varchar(255)  NOT NULL,
    error_type  varchar(200)  NOT NULL,
    reason      varchar(2000) NOT NULL,
    failed_at   timestamptz   NOT NULL DEFAULT now()
);
CREATE INDEX search_index_failure_ticket ON search_index_failure (ticket_id);
