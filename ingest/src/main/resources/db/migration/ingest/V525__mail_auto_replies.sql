-- The e-mail channel's auto-replies: at most one per sender and reason within the limit's window (issue 24,
-- ADR 0092). One row per pair, its last sending; the claim is one atomic upsert.
CREATE TABLE mail_auto_reply (
    sender varchar(320) NOT NULL,
    reason varchar(40) NOT NULL,
    sent_at timestamptz NOT NULL,
    PRIMARY KEY (sender, reason)
);
