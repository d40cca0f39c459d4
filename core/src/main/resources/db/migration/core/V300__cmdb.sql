-- The configuration database (CMDB) of the City Hall IT system, managed by IT-01-3 (ordinance 1796/2025
-- §4.3, §4.5): classes of configuration items with their attribute schemas (data, editable by a CMDB
-- admin), the items with their identifiers and lifecycle, typed relationships, and an append-only audit
-- trail of every change.

CREATE TABLE ci_class (
    code                    varchar(40)  PRIMARY KEY CHECK (code ~ '^[A-Z][A-Z0-9_]{1,39}$'),
    name_pl                 varchar(200) NOT NULL,
    name_en                 varchar(200) NOT NULL,
    -- HARDWARE: a physical device (an asset with an inventory number); SOFTWARE: an application or a
    -- database; SERVICE: a business service (what impact analysis reports as affected services).
    kind                    varchar(10)  NOT NULL CHECK (kind IN ('HARDWARE', 'SOFTWARE', 'SERVICE')),
    -- [{"name": "ramGb", "type": "INTEGER", "required": false, "label": "RAM (GB)", "min": 1}, ...]
    -- validated by the application (cmdb.domain.AttributeSchema).
    attribute_schema        jsonb        NOT NULL DEFAULT '[]' CHECK (jsonb_typeof(attribute_schema) = 'array'),
    -- The second-line unit that supports items of this class unless an item names another.
    default_supporting_unit varchar(20)  REFERENCES org_unit (code),
    -- The unit whose agents run the asset lifecycle of this class (IT-04-2 for workstation assets, §13).
    lifecycle_unit          varchar(20)  REFERENCES org_unit (code),
    builtin                 boolean      NOT NULL DEFAULT false,
    active                  boolean      NOT NULL DEFAULT true,
    version                 bigint       NOT NULL DEFAULT 0,
    created_at              timestamptz  NOT NULL DEFAULT now(),
    updated_at              timestamptz  NOT NULL DEFAULT now()
);

CREATE TABLE configuration_item (
    id                bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    class_code        varchar(40)  NOT NULL REFERENCES ci_class (code),
    name              varchar(200) NOT NULL,
    status            varchar(12)  NOT NULL
        CHECK (status IN ('ORDERED', 'IN_STOCK', 'IN_USE', 'IN_REPAIR', 'RETIRED', 'DISPOSED')),
    -- Identifiers, stored normalised (cmdb.domain.DeviceIdentity) so that uniqueness means "same device".
    inventory_number  varchar(60)  CHECK (inventory_number = upper(inventory_number)),
    serial_number     varchar(100) CHECK (serial_number = upper(serial_number)),
    hostname          varchar(63)  CHECK (hostname = lower(hostname) AND position('.' IN hostname) = 0),
    agent_device_id   varchar(100),
    hardware_uuid     uuid,
    manufacturer      varchar(100),
    model             varchar(200),
    building          varchar(200),
    room              varchar(50),
    owner_unit        varchar(20)  REFERENCES org_unit (code),
    assigned_username varchar(100),
    assigned_name     varchar(200),
    supporting_unit   varchar(20)  REFERENCES org_unit (code),
    purchase_date     date,
    warranty_until    date,
    -- Physical or virtual CPU cores; per-core licences count them.
    cores             integer      CHECK (cores BETWEEN 1 AND 100000),
    attributes        jsonb        NOT NULL DEFAULT '{}' CHECK (jsonb_typeof(attributes) = 'object'),
    description       text,
    -- A duplicate merged into another item keeps its row (tickets may point at it) but no identifiers.
    merged_into       bigint       REFERENCES configuration_item (id),
    version           bigint       NOT NULL DEFAULT 0,
    created_at        timestamptz  NOT NULL,
    updated_at        timestamptz  NOT NULL,
    CHECK (warranty_until IS NULL OR purchase_date IS NULL OR warranty_until >= purchase_date),
    CHECK (merged_into IS NULL OR (inventory_number IS NULL AND serial_number IS NULL AND hostname IS NULL
        AND agent_device_id IS NULL AND hardware_uuid IS NULL)),
    CHECK (merged_into IS NULL OR merged_into <> id)
);
-- What identifies one device is unique: a second record of the same device is refused by the database
-- even when two requests race.
CREATE UNIQUE INDEX ci_inventory_number_unique ON configuration_item (inventory_number);
CREATE UNIQUE INDEX ci_serial_number_unique ON configuration_item (serial_number);
CREATE UNIQUE INDEX ci_agent_device_id_unique ON configuration_item (agent_device_id);
CREATE UNIQUE INDEX ci_hardware_uuid_unique ON configuration_item (hardware_uuid);
-- Hostnames are reused when a machine is replaced: unique among the items still in service.
CREATE UNIQUE INDEX ci_hostname_unique ON configuration_item (hostname) WHERE status NOT IN ('RETIRED', 'DISPOSED');
CREATE INDEX ci_class_status ON configuration_item (class_code, status);
CREATE INDEX ci_supporting_unit ON configuration_item (supporting_unit);
CREATE INDEX ci_owner_unit ON configuration_item (owner_unit);
CREATE INDEX ci_location ON configuration_item (building, room);
CREATE INDEX ci_assigned ON configuration_item (assigned_username) WHERE assigned_username IS NOT NULL;
CREATE INDEX ci_merged_into ON configuration_item (merged_into) WHERE merged_into IS NOT NULL;
CREATE INDEX ci_name ON configuration_item (lower(name));

-- A device may have several network adapters; an address is unique among active adapters (a retired
-- device releases its addresses, a virtual machine's address may be reused).
CREATE TABLE ci_mac_address (
    ci_id  bigint  NOT NULL REFERENCES configuration_item (id),
    mac    macaddr NOT NULL,
    active boolean NOT NULL DEFAULT true,
    PRIMARY KEY (ci_id, mac)
);
CREATE UNIQUE INDEX ci_mac_active_unique ON ci_mac_address (mac) WHERE active;

-- Directed, typed relationships. The source needs the target: a VM RUNS_ON a host, an application
-- DEPENDS_ON a database, a workstation is CONNECTED_TO a switch, software is INSTALLED_ON a server, a
-- business service USES an application; except PART_OF, where the source is a component of the target.
CREATE TABLE ci_relationship (
    id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    source_id  bigint       NOT NULL REFERENCES configuration_item (id),
    type       varchar(20)  NOT NULL
        CHECK (type IN ('RUNS_ON', 'DEPENDS_ON', 'CONNECTED_TO', 'INSTALLED_ON', 'PART_OF', 'USES')),
    target_id  bigint       NOT NULL REFERENCES configuration_item (id),
    created_at timestamptz  NOT NULL,
    created_by varchar(100) NOT NULL,
    CHECK (source_id <> target_id),
    UNIQUE (source_id, type, target_id)
);
-- Both directions of the impact walk are index-only scans.
CREATE INDEX ci_relationship_by_target ON ci_relationship (target_id, type, source_id);
CREATE INDEX ci_relationship_by_source ON ci_relationship (source_id, type, target_id);

-- The audit trail: who did what to an item, when and why. Append-only.
CREATE TABLE ci_event (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    ci_id       bigint       NOT NULL REFERENCES configuration_item (id),
    type        varchar(30)  NOT NULL,
    actor       varchar(100) NOT NULL,
    actor_name  varchar(200) NOT NULL,
    actor_unit  varchar(20),
    occurred_at timestamptz  NOT NULL,
    reason      text,
    from_status varchar(12),
    to_status   varchar(12),
    changes     jsonb        NOT NULL DEFAULT '{}',
    data        jsonb        NOT NULL DEFAULT '{}'
);
CREATE INDEX ci_event_ci ON ci_event (ci_id, id);
CREATE INDEX ci_event_type_time ON ci_event (type, occurred_at);

CREATE FUNCTION ci_event_is_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'ci_event rows are immutable (% refused)', TG_OP;
END $$;
CREATE TRIGGER ci_event_no_update BEFORE UPDATE OR DELETE ON ci_event
    FOR EACH ROW EXECUTE FUNCTION ci_event_is_immutable();
