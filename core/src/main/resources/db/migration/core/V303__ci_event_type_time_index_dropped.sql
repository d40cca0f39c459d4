-- No query reads the CMDB's audit trail by type and time (an item's history is read by ci_event_ci), while every
-- audit entry paid for this index: about 1.3 µs of PostgreSQL's time per row of an asset import, 10-15 % of the
-- entry's insert (ADR 0066).
DROP INDEX ci_event_type_time;
