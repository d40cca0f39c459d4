-- What the admin API shows of each mailbox's reading, written by the replica that reads it (any replica,
-- an api-only one included, answers the API). Error texts are stored without secrets.
CREATE TABLE mail_mailbox_status (
    mailbox       text PRIMARY KEY,
    holder        text,
    idle          boolean NOT NULL DEFAULT false,
    last_read_at  timestamptz,
    last_error    text,
    last_error_at timestamptz,
    updated_at    timestamptz NOT NULL
);
