-- An alert that fires again within the flap grace after its incident was closed or cancelled gets a new
-- incident (a closed or cancelled ticket takes no more work); the new incident names the one it follows.
ALTER TABLE alert_incident ADD COLUMN follows_ticket_id bigint REFERENCES ticket (id);
