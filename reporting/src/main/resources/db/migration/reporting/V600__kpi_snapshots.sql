-- Reporting: daily KPI snapshots (history, month-over-month), the monthly report deliveries, and indexes
-- that the KPIs computed from PostgreSQL (reconciliation, snapshots) need on the ticket table.

-- One row per City Hall day and scope ('*' = every ticket; otherwise a unit: the tickets it handled).
-- figures: the day's KPI numerators and denominators (docs/kpis.md "Snapshots"), so that months can
-- be summed from days.
CREATE TABLE kpi_snapshot (
    day              date         NOT NULL,
    unit             varchar(20)  NOT NULL,
    figures          jsonb        NOT NULL,
    computed_at      timestamptz  NOT NULL,
    job_execution_id bigint,
    PRIMARY KEY (day, unit)
);

-- The monthly report sent by e-mail: one row per month, so that several replicas send it once.
CREATE TABLE kpi_report_delivery (
    month      date         PRIMARY KEY,
    recipients text         NOT NULL,
    sent_at    timestamptz  NOT NULL
);

CREATE INDEX ticket_resolved_at ON ticket (resolved_at) WHERE resolved_at IS NOT NULL;
CREATE INDEX ticket_first_response_at ON ticket (first_response_at) WHERE first_response_at IS NOT NULL;
CREATE INDEX ticket_cancelled_at ON ticket (closed_at) WHERE status = 'CANCELLED';
