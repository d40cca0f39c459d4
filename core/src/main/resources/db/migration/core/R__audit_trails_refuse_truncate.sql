-- Every audit trail refuses TRUNCATE (ADR 0070): a row trigger does not fire for it, so each trail gets a
-- statement trigger as well. A repeatable migration, because the trails are created by migrations both
-- before and after the one that introduced this rule (V110), and it runs after all of them; it is written
-- to be re-run (CREATE OR REPLACE). A new audit trail is added to this list.
CREATE OR REPLACE TRIGGER ticket_event_no_truncate BEFORE TRUNCATE ON ticket_event
    FOR EACH STATEMENT EXECUTE FUNCTION audit_trail_is_append_only();
CREATE OR REPLACE TRIGGER ticket_comment_no_truncate BEFORE TRUNCATE ON ticket_comment
    FOR EACH STATEMENT EXECUTE FUNCTION audit_trail_is_append_only();
CREATE OR REPLACE TRIGGER ci_event_no_truncate BEFORE TRUNCATE ON ci_event
    FOR EACH STATEMENT EXECUTE FUNCTION audit_trail_is_append_only();
CREATE OR REPLACE TRIGGER licence_audit_no_truncate BEFORE TRUNCATE ON licence_audit
    FOR EACH STATEMENT EXECUTE FUNCTION audit_trail_is_append_only();
CREATE OR REPLACE TRIGGER catalogue_audit_no_truncate BEFORE TRUNCATE ON catalogue_audit
    FOR EACH STATEMENT EXECUTE FUNCTION audit_trail_is_append_only();
CREATE OR REPLACE TRIGGER notification_unit_setting_audit_no_truncate BEFORE TRUNCATE ON notification_unit_setting_audit
    FOR EACH STATEMENT EXECUTE FUNCTION audit_trail_is_append_only();
