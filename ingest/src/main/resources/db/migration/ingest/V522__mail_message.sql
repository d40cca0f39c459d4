-- Every mail a reader took from a mailbox, once (dedupe_key: id:<Message-ID> or sha256:<hex of the raw
-- bytes>), with what it became. The row is claimed (outcome PROCESSING) and completed in the transaction that
-- does what the mail becomes, so the mail's effect and this row commit together or not at all.
CREATE TABLE mail_message (
    id           bigserial PRIMARY KEY,
    mailbox      text NOT NULL,
    dedupe_key   text NOT NULL UNIQUE,
    message_id   text,
    sender       text,
    subject      text,
    size_bytes   bigint NOT NULL,
    outcome      text NOT NULL,
    reason       text,
    ticket_id    bigint,
    raw          bytea,
    received_at  timestamptz NOT NULL,
    processed_at timestamptz NOT NULL
);

CREATE INDEX mail_message_ticket ON mail_message (ticket_id);
CREATE INDEX mail_message_sender ON mail_message (lower(sender), processed_at);
CREATE INDEX mail_message_outcome ON mail_message (outcome, id);
