-- Tickets, their immutable event log (the audit trail from which SLA clocks and KPIs are derived),
-- comments, remote-hands tasks, idempotency keys of ticket creation, and the transactional outbox
-- that feeds the search index.

CREATE SEQUENCE ticket_seq_inc;
CREATE SEQUENCE ticket_seq_req;
CREATE SEQUENCE ticket_seq_sec;

CREATE TABLE ticket (
    id                    bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    number                varchar(24)  NOT NULL UNIQUE,
    type                  varchar(20)  NOT NULL CHECK (type IN ('INCIDENT', 'SERVICE_REQUEST', 'SECURITY_INCIDENT')),
    title                 varchar(200) NOT NULL,
    description           text         NOT NULL,
    requester_username    varchar(100) NOT NULL,
    requester_name        varchar(200) NOT NULL,
    requester_unit        varchar(20)  REFERENCES org_unit (code),
    channel               varchar(20)  NOT NULL CHECK (channel IN ('PORTAL', 'EMAIL', 'PHONE', 'MONITORING', 'API')),
    category_code         varchar(40)  REFERENCES service_category (code),
    configuration_item_id bigint,
    impact                varchar(10)  NOT NULL CHECK (impact IN ('HIGH', 'MEDIUM', 'LOW')),
    urgency               varchar(10)  NOT NULL CHECK (urgency IN ('HIGH', 'MEDIUM', 'LOW')),
    priority              varchar(2)   NOT NULL CHECK (priority IN ('P1', 'P2', 'P3', 'P4')),
    status                varchar(30)  NOT NULL CHECK (status IN ('NEW', 'ASSIGNED', 'IN_PROGRESS',
                                           'WAITING_FOR_REQUESTER', 'RESOLVED', 'CLOSED', 'CANCELLED')),
    support_line          varchar(10)  NOT NULL CHECK (support_line IN ('FIRST', 'SECOND', 'SECURITY')),
    assigned_unit         varchar(20)  NOT NULL REFERENCES org_unit (code),
    assignee              varchar(100),
    assignee_name         varchar(200),
    resolution            varchar(30),
    resolution_note       text,
    resolved_by_unit      varchar(20)  REFERENCES org_unit (code),
    resolved_by_line      varchar(10),
    escalated_to_deputy   varchar(20)  REFERENCES org_unit (code),
    created_at            timestamptz  NOT NULL,
    updated_at            timestamptz  NOT NULL,
    first_response_at     timestamptz,
    resolved_at           timestamptz,
    closed_at             timestamptz,
    reopen_count          integer      NOT NULL DEFAULT 0,
    reassignment_count    integer      NOT NULL DEFAULT 0,
    escalation_count      integer      NOT NULL DEFAULT 0,
    -- every unit that held the ticket or helped with it: the basis of agents' visibility
    handled_by_units      varchar(20)[] NOT NULL,
    external_reference    varchar(60)  UNIQUE,
    version               bigint       NOT NULL DEFAULT 0
);
CREATE INDEX ticket_queue ON ticket (assigned_unit, status, priority, created_at);
CREATE INDEX ticket_requester ON ticket (requester_username, created_at DESC);
CREATE INDEX ticket_assignee ON ticket (assignee, status) WHERE assignee IS NOT NULL;
CREATE INDEX ticket_created ON ticket (created_at DESC, id DESC);
CREATE INDEX ticket_handled_by ON ticket USING gin (handled_by_units);
CREATE INDEX ticket_open ON ticket (status) WHERE status NOT IN ('RESOLVED', 'CLOSED', 'CANCELLED');
CREATE INDEX ticket_ci ON ticket (configuration_item_id) WHERE configuration_item_id IS NOT NULL;

CREATE TABLE ticket_event (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    ticket_id   bigint       NOT NULL REFERENCES ticket (id),
    seq         integer      NOT NULL,
    type        varchar(40)  NOT NULL,
    actor       varchar(100) NOT NULL,
    actor_name  varchar(200) NOT NULL,
    actor_unit  varchar(20),
    actor_kind  varchar(20)  NOT NULL,
    occurred_at timestamptz  NOT NULL,
    recorded_at timestamptz  NOT NULL DEFAULT clock_timestamp(),
    changes     jsonb        NOT NULL DEFAULT '{}',
    data        jsonb        NOT NULL DEFAULT '{}',
    UNIQUE (ticket_id, seq)
);
CREATE INDEX ticket_event_type_time ON ticket_event (type, occurred_at);

-- The audit trail is append-only.
CREATE FUNCTION ticket_event_is_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'ticket_event rows are immutable (% refused)', TG_OP;
END $$;
CREATE TRIGGER ticket_event_no_update BEFORE UPDATE OR DELETE ON ticket_event
    FOR EACH ROW EXECUTE FUNCTION ticket_event_is_immutable();

CREATE TABLE ticket_comment (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    ticket_id   bigint       NOT NULL REFERENCES ticket (id),
    author      varchar(100) NOT NULL,
    author_name varchar(200) NOT NULL,
    author_unit varchar(20),
    author_kind varchar(20)  NOT NULL,
    visibility  varchar(10)  NOT NULL CHECK (visibility IN ('PUBLIC', 'INTERNAL')),
    body        text         NOT NULL,
    created_at  timestamptz  NOT NULL
);
CREATE INDEX ticket_comment_ticket ON ticket_comment (ticket_id, id);

CREATE TABLE ticket_task (
    id                bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    ticket_id         bigint       NOT NULL REFERENCES ticket (id),
    kind              varchar(20)  NOT NULL CHECK (kind IN ('REMOTE_HANDS')),
    requested_by      varchar(100) NOT NULL,
    requested_by_unit varchar(20)  NOT NULL REFERENCES org_unit (code),
    assigned_unit     varchar(20)  NOT NULL REFERENCES org_unit (code),
    description       text         NOT NULL,
    status            varchar(12)  NOT NULL CHECK (status IN ('OPEN', 'DONE', 'CANCELLED')),
    completed_by      varchar(100),
    completion_note   text,
    created_at        timestamptz  NOT NULL,
    completed_at      timestamptz,
    version           bigint       NOT NULL DEFAULT 0
);
CREATE INDEX ticket_task_open ON ticket_task (assigned_unit, status);
CREATE INDEX ticket_task_ticket ON ticket_task (ticket_id);

CREATE TABLE idempotency_key (
    username     varchar(100) NOT NULL,
    key          varchar(200) NOT NULL,
    request_hash varchar(64)  NOT NULL,
    -- claimed before the ticket is created (a concurrent duplicate waits on this row), then filled in
    ticket_id    bigint       REFERENCES ticket (id),
    created_at   timestamptz  NOT NULL DEFAULT now(),
    PRIMARY KEY (username, key)
);

-- Rows written in the same transaction as a ticket change; the search relay indexes and deletes them.
CREATE TABLE outbox (
    id             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    aggregate_type varchar(30)  NOT NULL,
    aggregate_id   bigint       NOT NULL,
    created_at     timestamptz  NOT NULL DEFAULT clock_timestamp()
);
CREATE INDEX outbox_order ON outbox (id);
