-- Notification settings (issue 23, docs/notification-settings.md, ADR 0088).
--
-- Per unit: whether a ticket escalated or reassigned to it goes to the unit's mailbox or to its active
-- members, and who heads it (told of an SLA breach in the unit). A unit without a row gets its active
-- members and has no head. No foreign key to person (the directory sync never deletes people; the admin
-- API checks the head is an active person when it is set).
CREATE TABLE notification_unit_setting (
    unit_code     varchar(20)  PRIMARY KEY REFERENCES org_unit (code) ON DELETE CASCADE,
    delivery      varchar(10)  NOT NULL CONSTRAINT notification_unit_delivery CHECK (delivery IN ('MAILBOX', 'AGENTS')),
    mailbox       varchar(254),
    head_username varchar(100),
    version       bigint       NOT NULL DEFAULT 0,
    updated_at    timestamptz  NOT NULL DEFAULT now(),
    CONSTRAINT notification_unit_mailbox_needed CHECK (delivery <> 'MAILBOX' OR mailbox IS NOT NULL)
);

-- Who changed a unit's settings, when, from what to what: written by the database, as catalogue_audit is
-- (ADR 0070), naming the person the application set with organisation.CatalogueAudit#actAs; append-only.
CREATE TABLE notification_unit_setting_audit (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    unit_code   varchar(20)  NOT NULL,
    action      varchar(10)  NOT NULL CHECK (action IN ('CREATED', 'UPDATED', 'DELETED')),
    actor       varchar(100) NOT NULL,
    actor_name  varchar(200) NOT NULL,
    occurred_at timestamptz  NOT NULL DEFAULT now(),
    changed     text[]       NOT NULL,
    before      jsonb,
    after       jsonb
);
CREATE INDEX notification_unit_setting_audit_unit ON notification_unit_setting_audit (unit_code, id);

CREATE FUNCTION notification_unit_setting_audit_record() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    old_row jsonb := CASE WHEN TG_OP = 'INSERT' THEN NULL ELSE to_jsonb(OLD) END;
    new_row jsonb := CASE WHEN TG_OP = 'DELETE' THEN NULL ELSE to_jsonb(NEW) END;
    fields  text[];
BEGIN
    SELECT coalesce(array_agg(k.key ORDER BY k.key), '{}') INTO fields
    FROM (SELECT jsonb_object_keys(coalesce(new_row, old_row)) AS key) k
    WHERE k.key NOT IN ('version', 'updated_at')
      AND (new_row -> k.key) IS DISTINCT FROM (old_row -> k.key);
    IF TG_OP = 'UPDATE' AND cardinality(fields) = 0 THEN
        RETURN NULL;
    END IF;
    INSERT INTO notification_unit_setting_audit (unit_code, action, actor, actor_name, changed, before, after)
    VALUES (coalesce(new_row, old_row) ->> 'unit_code',
            CASE TG_OP WHEN 'INSERT' THEN 'CREATED' WHEN 'UPDATE' THEN 'UPDATED' ELSE 'DELETED' END,
            left(coalesce(nullif(current_setting('servicedesk.actor', true), ''), 'db:' || session_user), 100),
            left(coalesce(nullif(current_setting('servicedesk.actor_name', true), ''),
                          'Database user ' || session_user), 200),
            fields, old_row, new_row);
    RETURN NULL;
END $$;

CREATE TRIGGER notification_unit_setting_audited AFTER INSERT OR UPDATE OR DELETE ON notification_unit_setting
    FOR EACH ROW EXECUTE FUNCTION notification_unit_setting_audit_record();
CREATE TRIGGER notification_unit_setting_audit_no_update BEFORE UPDATE OR DELETE ON notification_unit_setting_audit
    FOR EACH ROW EXECUTE FUNCTION audit_trail_is_append_only();

-- Personal opt-outs: a row turns one kind of notification off for one person. Only kinds that are not
-- mandatory (NotificationKind#mandatory) are ever stored; the application refuses the others. Keyed by
-- username without a foreign key: a local account outside the people register has preferences too.
CREATE TABLE notification_opt_out (
    username   varchar(100) NOT NULL,
    kind       varchar(40)  NOT NULL,
    created_at timestamptz  NOT NULL DEFAULT now(),
    PRIMARY KEY (username, kind)
);
