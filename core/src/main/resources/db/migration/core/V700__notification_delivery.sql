-- Notifications (issue 23, ADR 0086): one delivery per (source, recipient address). The ticket-event listener
-- and the licence-expiry detection only insert rows here, in their own transactions after the change
-- committed; a sender claims due rows (FOR UPDATE SKIP LOCKED with a lease) and sends them by SMTP.
CREATE TABLE notification_delivery (
    id                 bigserial     PRIMARY KEY,
    -- What happened, a stable key: 'ticket-event:977', 'licence-expiry:12:30'.
    source             varchar(200)  NOT NULL,
    ticket_id          bigint,
    kind               varchar(40)   NOT NULL,
    recipient_username varchar(100),
    recipient_name     varchar(200),
    recipient_email    varchar(254)  NOT NULL,
    locale             varchar(20)   NOT NULL,
    -- The content model (NotificationContent) as JSON, rendered when sent.
    content            jsonb         NOT NULL,
    -- The rendered subject, once sent (the log shows it).
    subject            varchar(1000),
    -- Stable per delivery: the same on every retry, so a resend is recognisable.
    message_id         varchar(300)  NOT NULL,
    state              varchar(12)   NOT NULL
        CHECK (state IN ('PENDING', 'SENDING', 'SENT', 'FAILED', 'SUPPRESSED')),
    suppressed_reason  varchar(40),
    attempts           integer       NOT NULL DEFAULT 0,
    next_attempt_at    timestamptz   NOT NULL,
    lease_until        timestamptz,
    leased_by          varchar(100),
    last_error         varchar(2000),
    created_at         timestamptz   NOT NULL,
    sent_at            timestamptz
);
-- The deduplication key: enqueueing the same event for the same address twice inserts nothing the second time.
CREATE UNIQUE INDEX notification_delivery_source_recipient ON notification_delivery (source, lower(recipient_email));
-- What the sender claims: due and pending, or sending with an expired lease.
CREATE INDEX notification_delivery_due ON notification_delivery (next_attempt_at)
    WHERE state IN ('PENDING', 'SENDING');
-- A ticket's log.
CREATE INDEX notification_delivery_ticket ON notification_delivery (ticket_id, id) WHERE ticket_id IS NOT NULL;
-- The storm damper counts a recipient's recent deliveries.
CREATE INDEX notification_delivery_recipient ON notification_delivery (lower(recipient_email), created_at);
-- The dead letters an admin lists.
CREATE INDEX notification_delivery_failed ON notification_delivery (id) WHERE state = 'FAILED';
