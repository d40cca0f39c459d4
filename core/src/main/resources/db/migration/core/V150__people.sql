-- The people register: employees and staff as the City Hall's HR/organisation directory knows them
-- (ingest's directory sync keeps it). People who left are deactivated, never deleted: tickets and CMDB
-- items still name them.
CREATE TABLE person (
    username     varchar(100) PRIMARY KEY,
    display_name varchar(200) NOT NULL,
    email        varchar(254),
    unit_code    varchar(20)  REFERENCES org_unit (code),
    active       boolean      NOT NULL DEFAULT true,
    source       varchar(40)  NOT NULL,
    created_at   timestamptz  NOT NULL,
    updated_at   timestamptz  NOT NULL,
    deactivated_at timestamptz
);
CREATE INDEX person_unit ON person (unit_code);
CREATE INDEX person_name ON person (lower(display_name));
