-- Organisation (units of ordinance 1796/2025, management positions, customer units) and the
-- service catalogue of categories, each mapped to the unit whose competence covers it.

CREATE TABLE org_unit (
    code         varchar(20)  PRIMARY KEY CHECK (code ~ '^[A-Z0-9][A-Z0-9-]{0,19}$'),
    name_pl      varchar(300) NOT NULL,
    name_en      varchar(300) NOT NULL,
    -- MANAGEMENT: the Director and the deputies; COI_UNIT: an internal unit of the Centre;
    -- CUSTOMER: a City Hall department or city organisational unit that files tickets.
    kind         varchar(20)  NOT NULL CHECK (kind IN ('MANAGEMENT', 'COI_UNIT', 'CUSTOMER')),
    parent_code  varchar(20)  REFERENCES org_unit (code),
    -- FIRST_LINE: IT-02-2; SECOND_LINE: IT-04-1/2/4, IT-05-x; SECURITY: IT-02-1;
    -- COMPETENCE: receives tickets within its competence without being a support line (IT-04-3).
    support_role varchar(20)  NOT NULL DEFAULT 'NONE'
        CHECK (support_role IN ('FIRST_LINE', 'SECOND_LINE', 'SECURITY', 'COMPETENCE', 'NONE')),
    ordinance_ref varchar(60),
    active       boolean      NOT NULL DEFAULT true,
    version      integer      NOT NULL DEFAULT 0,
    created_at   timestamptz  NOT NULL DEFAULT now(),
    updated_at   timestamptz  NOT NULL DEFAULT now()
);
CREATE INDEX org_unit_parent ON org_unit (parent_code);

CREATE TABLE service_category (
    code           varchar(40)   PRIMARY KEY CHECK (code ~ '^[A-Z0-9][A-Z0-9-]{1,39}$'),
    name_pl        varchar(200)  NOT NULL,
    description_en varchar(1000) NOT NULL,
    group_pl       varchar(100)  NOT NULL,
    unit_code      varchar(20)   NOT NULL REFERENCES org_unit (code),
    ticket_type    varchar(20)   NOT NULL CHECK (ticket_type IN ('INCIDENT', 'SERVICE_REQUEST', 'SECURITY_INCIDENT')),
    ordinance_ref  varchar(60)   NOT NULL,
    -- Polish words and phrases that signal the category (routing uses them alongside examples).
    keywords       text[]        NOT NULL DEFAULT '{}',
    active         boolean       NOT NULL DEFAULT true,
    version        integer       NOT NULL DEFAULT 0,
    created_at     timestamptz   NOT NULL DEFAULT now(),
    updated_at     timestamptz   NOT NULL DEFAULT now()
);
CREATE INDEX service_category_unit ON service_category (unit_code);
