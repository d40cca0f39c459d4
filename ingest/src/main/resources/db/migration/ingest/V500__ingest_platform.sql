-- The ingest platform: uploaded files (content in PostgreSQL large objects, shared by every replica),
-- the queue of import runs consumed by worker instances (FOR UPDATE SKIP LOCKED, heartbeats), and the
-- skip report of each run (ADR 0050).

CREATE TABLE ingest_file (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    filename     varchar(255) NOT NULL,
    content_type varchar(100),
    size_bytes   bigint       NOT NULL CHECK (size_bytes >= 0),
    sha256       char(64)     NOT NULL,
    -- A PostgreSQL large object: streamed in and out, never held in memory whole.
    content      oid          NOT NULL,
    uploaded_by  varchar(100) NOT NULL,
    uploaded_at  timestamptz  NOT NULL
);
CREATE INDEX ingest_file_sha256 ON ingest_file (sha256);

-- One import of one file by one job. QUEUED runs wait for a worker; a worker claims one (attempt + 1),
-- launches or restarts its Spring Batch job and keeps heartbeat_at fresh; a run whose heartbeat is stale
-- (its worker died) is marked failed and queued again, to restart from its last committed chunk.
CREATE TABLE ingest_run (
    id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    job              varchar(40)  NOT NULL,
    file_id          bigint       NOT NULL REFERENCES ingest_file (id),
    sha256           char(64)     NOT NULL,
    options          jsonb        NOT NULL DEFAULT '{}' CHECK (jsonb_typeof(options) = 'object'),
    status           varchar(10)  NOT NULL
        CHECK (status IN ('QUEUED', 'RUNNING', 'STOPPING', 'COMPLETED', 'FAILED', 'STOPPED', 'ABANDONED')),
    -- QUEUED again after a failure or a stop: the worker restarts the last job execution.
    restart          boolean      NOT NULL DEFAULT false,
    -- Incremented by every claim; a chunk commits only while its attempt is the current one (fencing).
    attempt          integer      NOT NULL DEFAULT 0,
    job_instance_id  bigint,
    job_execution_id bigint,
    worker           varchar(200),
    heartbeat_at     timestamptz,
    total_rows       bigint,
    message          text,
    requested_by     varchar(100) NOT NULL,
    queued_at        timestamptz  NOT NULL,
    started_at       timestamptz,
    finished_at      timestamptz
);
-- A job of one kind runs at most once at a time on the same content, whichever replica was asked.
CREATE UNIQUE INDEX ingest_run_one_active ON ingest_run (job, sha256) WHERE status IN ('QUEUED', 'RUNNING', 'STOPPING');
CREATE INDEX ingest_run_queued ON ingest_run (id) WHERE status = 'QUEUED';
CREATE INDEX ingest_run_running ON ingest_run (heartbeat_at) WHERE status IN ('RUNNING', 'STOPPING');

-- Rows a run skipped, and why: the skip report (CSV download).
CREATE TABLE ingest_skip (
    run_id     bigint      NOT NULL REFERENCES ingest_run (id),
    row_number bigint      NOT NULL,
    field      varchar(100),
    value      text,
    reason     text        NOT NULL,
    PRIMARY KEY (run_id, row_number)
);
