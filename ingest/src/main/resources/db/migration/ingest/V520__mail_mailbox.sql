-- Mailboxes the admin API defines (docs/ingest/email.md). Mailboxes in the configuration
-- (servicedesk.mail.mailboxes.*) are not stored here. Secrets are never stored: only references to them
-- (env:VAR or file:/path), resolved by the worker that reads the mailbox.
CREATE TABLE mail_mailbox (
    name                    text PRIMARY KEY CHECK (name ~ '^[a-z0-9][a-z0-9-]{0,62}$'),
    address                 text NOT NULL,
    host                    text NOT NULL,
    port                    integer NOT NULL CHECK (port BETWEEN 1 AND 65535),
    security                text NOT NULL CHECK (security IN ('IMAPS', 'STARTTLS', 'NONE')),
    username                text NOT NULL,
    auth                    text NOT NULL CHECK (auth IN ('BASIC', 'XOAUTH2')),
    password_ref            text,
    oauth_token_uri         text,
    oauth_client_id         text,
    oauth_client_secret_ref text,
    oauth_scope             text,
    folder                  text NOT NULL,
    processed_folder        text NOT NULL,
    quarantine_folder       text NOT NULL,
    unknown_senders         text NOT NULL CHECK (unknown_senders IN ('CREATE_EXTERNAL', 'REFUSE')),
    max_message_bytes       bigint NOT NULL CHECK (max_message_bytes > 0),
    idle                    boolean NOT NULL,
    poll_interval_ms        bigint NOT NULL CHECK (poll_interval_ms > 0),
    enabled                 boolean NOT NULL,
    updated_by              text NOT NULL,
    updated_at              timestamptz NOT NULL
);
