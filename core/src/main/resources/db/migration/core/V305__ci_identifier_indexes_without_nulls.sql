-- The unique indexes of a device's identifiers held an entry for every item, also for the items that do not
-- have that identifier: a workstation from the asset register has no agent device id and no hardware UUID
-- until an agent reports it, a virtual machine often no serial or inventory number. NULLs never conflict, so
-- those entries guarded nothing, and each one cost an import a B-tree insertion per item (ADR 0068). The
-- lookups (identifier = value, = ANY(values)) imply IS NOT NULL, so PostgreSQL still answers them from
-- these indexes.
DROP INDEX ci_inventory_number_unique;
DROP INDEX ci_serial_number_unique;
DROP INDEX ci_agent_device_id_unique;
DROP INDEX ci_hardware_uuid_unique;
DROP INDEX ci_hostname_unique;
CREATE UNIQUE INDEX ci_inventory_number_unique ON configuration_item (inventory_number)
    WHERE inventory_number IS NOT NULL;
CREATE UNIQUE INDEX ci_serial_number_unique ON configuration_item (serial_number)
    WHERE serial_number IS NOT NULL;
CREATE UNIQUE INDEX ci_agent_device_id_unique ON configuration_item (agent_device_id)
    WHERE agent_device_id IS NOT NULL;
CREATE UNIQUE INDEX ci_hardware_uuid_unique ON configuration_item (hardware_uuid)
    WHERE hardware_uuid IS NOT NULL;
-- Hostnames are reused when a machine is replaced: unique among the items still in service.
CREATE UNIQUE INDEX ci_hostname_unique ON configuration_item (hostname)
    WHERE hostname IS NOT NULL AND status NOT IN ('RETIRED', 'DISPOSED');
