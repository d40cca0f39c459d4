-- Remote hands as a queue of the providing unit (§13.8, ADR 0072): a task is assigned to a person of
-- that unit, is due by an operational-level target (business time, fixed when it is requested), and is
-- cancelled by hand or when its ticket ends. Tasks requested before this version have no due time.
ALTER TABLE ticket_task
    ADD COLUMN assignee      varchar(100),
    ADD COLUMN assignee_name varchar(200),
    ADD COLUMN assigned_at   timestamptz,
    ADD COLUMN due_at        timestamptz,
    ADD COLUMN cancelled_by  varchar(100),
    ADD COLUMN cancel_reason text,
    ADD COLUMN cancelled_at  timestamptz;

-- The queue of a unit: its open tasks by due time.
CREATE INDEX ticket_task_queue ON ticket_task (assigned_unit, due_at NULLS FIRST, id) WHERE status = 'OPEN';
