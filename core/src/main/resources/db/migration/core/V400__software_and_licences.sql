-- The software and licence register of IT-04-3 (ordinance 1796/2025 §14): the software catalogue,
-- the rules that turn the raw names reported by inventory agents into catalogue products, the
-- installations on configuration items, the licences with their assignments, and the compliance
-- position per product, recomputed whenever something it depends on changes.

CREATE TABLE software_product (
    id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    publisher        varchar(200) NOT NULL CHECK (btrim(publisher) <> ''),
    name             varchar(200) NOT NULL CHECK (btrim(name) <> ''),
    -- false for freeware and software covered by the operating system: never "unlicensed".
    licence_required boolean      NOT NULL DEFAULT true,
    description      text,
    version          bigint       NOT NULL DEFAULT 0,
    created_at       timestamptz  NOT NULL,
    updated_at       timestamptz  NOT NULL
);
CREATE UNIQUE INDEX software_product_identity ON software_product (lower(publisher), lower(name));

-- Ordered normalisation rules: the first active rule whose pattern matches the whole (cleaned) raw name
-- decides. MAP names a publisher, product and version (templates that refer to the pattern's groups as $1, $2);
-- IGNORE marks noise (updates, runtimes) that is neither a product nor waiting for review.
CREATE TABLE software_rule (
    id                bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    position          integer      NOT NULL,
    pattern           varchar(500) NOT NULL,
    action            varchar(6)   NOT NULL CHECK (action IN ('MAP', 'IGNORE')),
    publisher         varchar(200),
    product           varchar(200),
    version_template  varchar(100),
    -- For products the rule creates in the catalogue.
    licence_required  boolean      NOT NULL DEFAULT true,
    active            boolean      NOT NULL DEFAULT true,
    note              varchar(500),
    version           bigint       NOT NULL DEFAULT 0,
    created_at        timestamptz  NOT NULL,
    updated_at        timestamptz  NOT NULL,
    updated_by        varchar(100) NOT NULL,
    CHECK (action = 'IGNORE' OR (publisher IS NOT NULL AND product IS NOT NULL))
);
CREATE INDEX software_rule_order ON software_rule (position, id);

-- Every distinct (cleaned) name an agent or an import reported, and what it currently normalises to.
CREATE TABLE software_raw_name (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name            varchar(500) NOT NULL UNIQUE,
    status          varchar(10)  NOT NULL CHECK (status IN ('MATCHED', 'UNMATCHED', 'IGNORED')),
    product_id      bigint       REFERENCES software_product (id),
    product_version varchar(100),
    rule_id         bigint       REFERENCES software_rule (id) ON DELETE SET NULL,
    first_seen      timestamptz  NOT NULL,
    normalised_at   timestamptz  NOT NULL,
    CHECK ((status = 'MATCHED') = (product_id IS NOT NULL))
);
CREATE INDEX software_raw_name_unmatched ON software_raw_name (id) WHERE status = 'UNMATCHED';
CREATE INDEX software_raw_name_product ON software_raw_name (product_id);

-- A product installed on a configuration item. Reported installations (AGENT, IMPORT) carry the raw
-- name; their product and version follow its normalisation. An installation no longer reported is ended,
-- never deleted.
CREATE TABLE software_installation (
    id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    ci_id            bigint       NOT NULL REFERENCES configuration_item (id),
    raw_name_id      bigint       REFERENCES software_raw_name (id),
    product_id       bigint       REFERENCES software_product (id),
    product_version  varchar(100),
    reported_version varchar(100),
    source           varchar(6)   NOT NULL CHECK (source IN ('AGENT', 'IMPORT', 'MANUAL')),
    first_seen       timestamptz  NOT NULL,
    last_seen        timestamptz  NOT NULL,
    ended_at         timestamptz,
    end_reason       varchar(20)  CHECK (end_reason IN ('NOT_REPORTED', 'REMOVED', 'ITEM_MERGED')),
    created_by       varchar(100) NOT NULL,
    CHECK (source = 'MANUAL' OR raw_name_id IS NOT NULL),
    CHECK (source <> 'MANUAL' OR product_id IS NOT NULL),
    CHECK ((ended_at IS NULL) = (end_reason IS NULL)),
    CHECK (last_seen >= first_seen)
);
CREATE UNIQUE INDEX software_installation_reported_active
    ON software_installation (ci_id, source, raw_name_id) WHERE ended_at IS NULL AND raw_name_id IS NOT NULL;
CREATE UNIQUE INDEX software_installation_manual_active
    ON software_installation (ci_id, product_id) WHERE ended_at IS NULL AND source = 'MANUAL';
CREATE INDEX software_installation_product_active ON software_installation (product_id, ci_id) WHERE ended_at IS NULL;
CREATE INDEX software_installation_raw_name_active ON software_installation (raw_name_id) WHERE ended_at IS NULL;
CREATE INDEX software_installation_ci ON software_installation (ci_id, id);

-- The latest software report per item and source: serialises concurrent reports of one item and lets an
-- older report that arrives late be recognised and skipped.
CREATE TABLE software_inventory_report (
    ci_id       bigint      NOT NULL REFERENCES configuration_item (id),
    source      varchar(6)  NOT NULL CHECK (source IN ('AGENT', 'IMPORT')),
    reported_at timestamptz NOT NULL,
    name_count  integer     NOT NULL,
    PRIMARY KEY (ci_id, source)
);

CREATE TABLE licence (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name            varchar(200)  NOT NULL,
    metric          varchar(10)   NOT NULL CHECK (metric IN ('PER_DEVICE', 'PER_USER', 'CONCURRENT', 'SITE', 'PER_CORE')),
    -- devices, users, concurrent seats or cores; none for a site (unlimited) licence
    quantity        integer       CHECK (quantity > 0),
    valid_from      date          NOT NULL,
    valid_until     date,
    contract_number varchar(100),
    vendor          varchar(200),
    cost            numeric(14, 2) CHECK (cost >= 0),
    currency        char(3)       NOT NULL DEFAULT 'PLN' CHECK (currency ~ '^[A-Z]{3}$'),
    notes           text,
    version         bigint        NOT NULL DEFAULT 0,
    created_at      timestamptz   NOT NULL,
    updated_at      timestamptz   NOT NULL,
    CHECK ((metric = 'SITE') = (quantity IS NULL)),
    CHECK (valid_until IS NULL OR valid_until >= valid_from)
);
CREATE INDEX licence_valid_until ON licence (valid_until);

CREATE TABLE licence_product (
    licence_id bigint NOT NULL REFERENCES licence (id),
    product_id bigint NOT NULL REFERENCES software_product (id),
    PRIMARY KEY (licence_id, product_id)
);
CREATE INDEX licence_product_product ON licence_product (product_id);

-- A licence given to a person (per-user) or to a device (per-device, per-core); ended, never deleted.
CREATE TABLE licence_assignment (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    licence_id      bigint       NOT NULL REFERENCES licence (id),
    ci_id           bigint       REFERENCES configuration_item (id),
    person_username varchar(100),
    person_name     varchar(200),
    assigned_at     timestamptz  NOT NULL,
    assigned_by     varchar(100) NOT NULL,
    ended_at        timestamptz,
    ended_by        varchar(100),
    CHECK ((ci_id IS NULL) <> (person_username IS NULL))
);
CREATE UNIQUE INDEX licence_assignment_device_active
    ON licence_assignment (licence_id, ci_id) WHERE ended_at IS NULL AND ci_id IS NOT NULL;
CREATE UNIQUE INDEX licence_assignment_person_active
    ON licence_assignment (licence_id, person_username) WHERE ended_at IS NULL AND person_username IS NOT NULL;
CREATE INDEX licence_assignment_ci ON licence_assignment (ci_id) WHERE ci_id IS NOT NULL;

-- The audit trail of the register (licences, assignments, rules, products, manual installations).
CREATE TABLE licence_audit (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    entity_type varchar(20)  NOT NULL,
    entity_id   bigint       NOT NULL,
    action      varchar(30)  NOT NULL,
    actor       varchar(100) NOT NULL,
    actor_name  varchar(200) NOT NULL,
    occurred_at timestamptz  NOT NULL,
    details     jsonb        NOT NULL DEFAULT '{}'
);
CREATE INDEX licence_audit_entity ON licence_audit (entity_type, entity_id, id);

CREATE FUNCTION licence_audit_is_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'licence_audit rows are immutable (% refused)', TG_OP;
END $$;
CREATE TRIGGER licence_audit_no_update BEFORE UPDATE OR DELETE ON licence_audit
    FOR EACH ROW EXECUTE FUNCTION licence_audit_is_immutable();

-- The computed compliance position per product (licence.domain.CompliancePosition), with one line per
-- licence metric in `lines`.
CREATE TABLE compliance_position (
    product_id        bigint      PRIMARY KEY REFERENCES software_product (id),
    status            varchar(14) NOT NULL
        CHECK (status IN ('COMPLIANT', 'OVER_DEPLOYED', 'UNLICENSED', 'NOT_REQUIRED')),
    installed_devices integer     NOT NULL,
    assigned_users    integer     NOT NULL,
    over_deployed     integer     NOT NULL,
    unused            integer     NOT NULL,
    expiring_30       integer     NOT NULL,
    expiring_60       integer     NOT NULL,
    expiring_90       integer     NOT NULL,
    lines             jsonb       NOT NULL,
    computed_at       timestamptz NOT NULL
);
CREATE INDEX compliance_position_status ON compliance_position (status);

-- Products whose position must be recomputed: written in the transaction of the change, drained right
-- after it commits (and by a periodic sweep), so that bursts of changes coalesce.
CREATE TABLE compliance_dirty (
    id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    product_id bigint      NOT NULL REFERENCES software_product (id),
    marked_at  timestamptz NOT NULL DEFAULT clock_timestamp()
);
