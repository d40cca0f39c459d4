-- The licence-expiry notices given (issue 23, docs/notification-settings.md): one row per licence, end date and
-- threshold (days before the end). The primary key is what makes a threshold noticed at most once, across runs,
-- restarts and replicas: a run inserts the row in the transaction that enqueues the notice, and a second run
-- (or a replica running at the same moment) inserts nothing. A licence given a new end date starts afresh.
-- A run that finds a licence past several thresholds at once (registered late, or runs missed) notices the
-- tightest and records the looser ones as superseded by it.
CREATE TABLE licence_expiry_notice (
    licence_id     bigint      NOT NULL REFERENCES licence (id) ON DELETE CASCADE,
    valid_until    date        NOT NULL,
    threshold_days integer     NOT NULL CHECK (threshold_days > 0),
    run_date       date        NOT NULL,
    -- the notification source the notice was enqueued under (notification_delivery.source)
    source         varchar(120) NOT NULL,
    -- the tighter threshold noticed instead in the same run; null for a notice that was given
    superseded_by  integer     CHECK (superseded_by IS NULL OR superseded_by < threshold_days),
    noticed_at     timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (licence_id, valid_until, threshold_days)
);
CREATE INDEX licence_expiry_notice_run ON licence_expiry_notice (run_date);
