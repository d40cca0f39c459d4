-- A sent notification can bounce (issue 24, ADR 0090): the e-mail channel reads the delivery status notification
-- that answers it and marks the delivery BOUNCED, the reason in last_error.
ALTER TABLE notification_delivery DROP CONSTRAINT notification_delivery_state_check;
ALTER TABLE notification_delivery ADD CONSTRAINT notification_delivery_state_check
    CHECK (state IN ('PENDING', 'SENDING', 'SENT', 'FAILED', 'SUPPRESSED', 'BOUNCED'));
-- Replies and bounces name the notification they answer by its Message-ID.
CREATE INDEX notification_delivery_message_id ON notification_delivery (message_id);
