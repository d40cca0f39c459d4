-- Real-time intake: the inventory agents that report devices, and the monitoring alerts that open
-- incidents (ADR 0053).

-- The last contact of each device's inventory agent (the CMDB item holds what the device is).
CREATE TABLE agent_device (
    ci_id          bigint       PRIMARY KEY REFERENCES configuration_item (id),
    device_id      varchar(100),
    agent          varchar(100),
    protocol       varchar(10)  NOT NULL CHECK (protocol IN ('XML', 'JSON')),
    last_seen_at   timestamptz  NOT NULL,
    last_address   varchar(64),
    software_count integer      NOT NULL DEFAULT 0,
    reports        bigint       NOT NULL DEFAULT 1
);
CREATE INDEX agent_device_device_id ON agent_device (device_id);

-- One incident per alert (Alertmanager fingerprint) while it is open: repeats update it, a flap within the
-- grace period reopens or annotates it instead of opening a new one.
CREATE TABLE alert_incident (
    id             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    fingerprint    varchar(64)  NOT NULL,
    alert_name     varchar(200) NOT NULL,
    ticket_id      bigint       NOT NULL REFERENCES ticket (id),
    ci_id          bigint       REFERENCES configuration_item (id),
    severity       varchar(40),
    state          varchar(10)  NOT NULL CHECK (state IN ('FIRING', 'RESOLVED')),
    starts_at      timestamptz  NOT NULL,
    last_firing_at timestamptz  NOT NULL,
    resolved_at    timestamptz,
    notifications  integer      NOT NULL DEFAULT 1,
    flaps          integer      NOT NULL DEFAULT 0,
    labels         jsonb        NOT NULL,
    created_at     timestamptz  NOT NULL,
    updated_at     timestamptz  NOT NULL
);
-- The latest incident of a fingerprint decides: at most one per fingerprint is FIRING.
CREATE UNIQUE INDEX alert_incident_firing ON alert_incident (fingerprint) WHERE state = 'FIRING';
CREATE INDEX alert_incident_fingerprint ON alert_incident (fingerprint, id DESC);
