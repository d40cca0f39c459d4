-- What the licence and legacy ticket imports remember between runs (ADR 0051, 0052).

-- A licence imported under an external key (the file's licenceKey, else contract number + name): a re-run
-- updates it instead of registering it twice.
CREATE TABLE licence_import_key (
    import_key varchar(300) PRIMARY KEY,
    licence_id bigint       NOT NULL REFERENCES licence (id),
    run_id     bigint       NOT NULL REFERENCES ingest_run (id),
    updated_at timestamptz  NOT NULL
);

-- The rows of a legacy ticket export, staged by the first step of the import so that the second builds
-- each ticket from all its rows (several rows per number: one per update), whatever chunk they were in.
CREATE TABLE legacy_incident_row (
    run_id     bigint      NOT NULL REFERENCES ingest_run (id),
    line       bigint      NOT NULL,
    number     varchar(40) NOT NULL,
    updated_at timestamptz NOT NULL,
    data       jsonb       NOT NULL,
    PRIMARY KEY (run_id, line)
);
CREATE INDEX legacy_incident_row_number ON legacy_incident_row (run_id, number, updated_at, line);

-- The legacy record of each imported ticket: what the old system said that our history does not carry.
CREATE TABLE legacy_ticket (
    ticket_id          bigint      PRIMARY KEY REFERENCES ticket (id),
    external_reference varchar(100) NOT NULL UNIQUE,
    run_id             bigint      NOT NULL REFERENCES ingest_run (id),
    rows_applied       integer     NOT NULL,
    made_sla           boolean,
    reassignment_count integer,
    reopen_count       integer,
    imported_at        timestamptz NOT NULL
);
