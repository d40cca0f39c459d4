-- One reader per mailbox across replicas (ADR 0089): a replica reads a mailbox while it holds the mailbox's
-- row, taken and renewed with one atomic statement, and lets it go on shutdown. A lease that ran out (its
-- replica stopped) is taken by another. Exactly once is not this table's job: mail_message's unique key is.
CREATE TABLE mail_mailbox_lease (
    mailbox    text PRIMARY KEY,
    holder     text NOT NULL,
    expires_at timestamptz NOT NULL
);
