-- Attachments (issue 23, ADR 0084): files on tickets and on their comments. The metadata row and the content's
-- chunks are written in the upload's one transaction, so an interrupted upload leaves neither behind.
CREATE TABLE attachment (
    id                bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    -- Checked at commit: an immediate check would share-lock the ticket row for the whole upload, and the
    -- upload's last step (its history event) locks that row for update, which deadlocks two uploads.
    ticket_id         bigint       NOT NULL REFERENCES ticket (id) DEFERRABLE INITIALLY DEFERRED,
    comment_id        bigint       REFERENCES ticket_comment (id),
    visibility        varchar(10)  NOT NULL CHECK (visibility IN ('PUBLIC', 'INTERNAL')),
    filename          varchar(255) NOT NULL,
    content_type      varchar(200) NOT NULL,
    size              bigint       NOT NULL CHECK (size > 0),
    sha256            char(64)     NOT NULL,
    state             varchar(20)  NOT NULL
        CHECK (state IN ('PENDING_SCAN', 'AVAILABLE', 'QUARANTINED', 'REMOVED')),
    uploaded_by       varchar(100) NOT NULL,
    uploaded_by_name  varchar(200) NOT NULL,
    uploaded_at       timestamptz  NOT NULL,
    removed_by        varchar(100),
    removed_at        timestamptz,
    removal_reason    varchar(500),
    scan_verdict      varchar(20)  CHECK (scan_verdict IN ('CLEAN', 'INFECTED')),
    scan_signature    varchar(300),
    scanned_at        timestamptz,
    scan_attempts     integer      NOT NULL DEFAULT 0,
    next_scan_at      timestamptz,
    last_scan_error   varchar(500)
);
CREATE INDEX attachment_ticket ON attachment (ticket_id, id);
-- The scan worker's queue: only the waiting files.
CREATE INDEX attachment_pending_scan ON attachment (next_scan_at, id) WHERE state = 'PENDING_SCAN';

-- The content, in chunks of at most 1 MiB: written while the request is read, read back one chunk at a time.
CREATE TABLE attachment_chunk (
    attachment_id bigint  NOT NULL REFERENCES attachment (id) ON DELETE CASCADE,
    seq           integer NOT NULL CHECK (seq >= 0),
    data          bytea   NOT NULL,
    PRIMARY KEY (attachment_id, seq)
);
-- Chunks are already compressed where it helps (images, archives); PostgreSQL need not try again.
ALTER TABLE attachment_chunk ALTER COLUMN data SET STORAGE EXTERNAL;
