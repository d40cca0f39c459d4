-- Who changed the service catalogue and the units, when, and from what to what (ADR 0070). The database
-- records every insert, update and delete of service_category and org_unit itself, so no code path (the
-- admin API, the directory sync, a hand-written statement) can change the catalogue without a trace. The
-- application names the person through two transaction-local settings (organisation.CatalogueAudit);
-- without them the database user is recorded.
CREATE TABLE catalogue_audit (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    entity_type varchar(10)  NOT NULL CHECK (entity_type IN ('CATEGORY', 'UNIT')),
    entity_code varchar(40)  NOT NULL,
    action      varchar(10)  NOT NULL CHECK (action IN ('CREATED', 'UPDATED', 'DELETED')),
    actor       varchar(100) NOT NULL,
    actor_name  varchar(200) NOT NULL,
    occurred_at timestamptz  NOT NULL DEFAULT now(),
    -- the columns whose value changed (not version, created_at, updated_at)
    changed     text[]       NOT NULL,
    before      jsonb,
    after       jsonb
);
CREATE INDEX catalogue_audit_entity ON catalogue_audit (entity_type, entity_code, id);

CREATE FUNCTION catalogue_audit_record() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    old_row jsonb := CASE WHEN TG_OP = 'INSERT' THEN NULL ELSE to_jsonb(OLD) END;
    new_row jsonb := CASE WHEN TG_OP = 'DELETE' THEN NULL ELSE to_jsonb(NEW) END;
    fields  text[];
BEGIN
    SELECT coalesce(array_agg(k.key ORDER BY k.key), '{}') INTO fields
    FROM (SELECT jsonb_object_keys(coalesce(new_row, old_row)) AS key) k
    WHERE k.key NOT IN ('version', 'created_at', 'updated_at')
      AND (new_row -> k.key) IS DISTINCT FROM (old_row -> k.key);
    IF TG_OP = 'UPDATE' AND cardinality(fields) = 0 THEN
        RETURN NULL; -- saved unchanged: nothing to record
    END IF;
    INSERT INTO catalogue_audit (entity_type, entity_code, action, actor, actor_name, changed, before, after)
    VALUES (TG_ARGV[0],
            coalesce(new_row, old_row) ->> 'code',
            CASE TG_OP WHEN 'INSERT' THEN 'CREATED' WHEN 'UPDATE' THEN 'UPDATED' ELSE 'DELETED' END,
            left(coalesce(nullif(current_setting('servicedesk.actor', true), ''), 'db:' || session_user), 100),
            left(coalesce(nullif(current_setting('servicedesk.actor_name', true), ''),
                          'Database user ' || session_user), 200),
            fields, old_row, new_row);
    RETURN NULL;
END $$;

CREATE TRIGGER service_category_audited AFTER INSERT OR UPDATE OR DELETE ON service_category
    FOR EACH ROW EXECUTE FUNCTION catalogue_audit_record('CATEGORY');
CREATE TRIGGER org_unit_audited AFTER INSERT OR UPDATE OR DELETE ON org_unit
    FOR EACH ROW EXECUTE FUNCTION catalogue_audit_record('UNIT');

-- Audit trails are append-only. ticket_event, ci_event and licence_audit already refuse UPDATE and DELETE
-- with triggers of their own; the catalogue's trail and the ticket comments (what was said to the requester
-- and between the units is part of the record) refuse them with this one. TRUNCATE is a statement of its own
-- that row triggers do not see: R__audit_trails_refuse_truncate.sql refuses it for every trail.
CREATE FUNCTION audit_trail_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION '% rows are immutable (% refused)', TG_TABLE_NAME, TG_OP;
END $$;

CREATE TRIGGER catalogue_audit_no_update BEFORE UPDATE OR DELETE ON catalogue_audit
    FOR EACH ROW EXECUTE FUNCTION audit_trail_is_append_only();
CREATE TRIGGER ticket_comment_no_update BEFORE UPDATE OR DELETE ON ticket_comment
    FOR EACH ROW EXECUTE FUNCTION audit_trail_is_append_only();
