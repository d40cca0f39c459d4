-- Platform tables: local accounts of the built-in token issuer, and ShedLock's lock table that keeps
-- scheduled work (outbox relay, SLA timers, reports) to one replica at a time.

CREATE TABLE local_account (
    username      varchar(100) PRIMARY KEY,
    display_name  varchar(200) NOT NULL,
    password_hash varchar(200) NOT NULL,
    roles         text[]       NOT NULL,
    unit_code     varchar(20),
    active        boolean      NOT NULL DEFAULT true,
    created_at    timestamptz  NOT NULL DEFAULT now()
);

CREATE TABLE shedlock (
    name       varchar(64)  PRIMARY KEY,
    lock_until timestamptz  NOT NULL,
    locked_at  timestamptz  NOT NULL,
    locked_by  varchar(255) NOT NULL
);
