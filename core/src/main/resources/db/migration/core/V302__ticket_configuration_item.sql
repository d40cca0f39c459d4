-- A ticket's affected configuration item must exist in the CMDB (items are never deleted: a disposed or
-- merged item keeps its row, so the tickets that named it keep their reference).
ALTER TABLE ticket
    ADD CONSTRAINT ticket_configuration_item_fk FOREIGN KEY (configuration_item_id) REFERENCES configuration_item (id);
