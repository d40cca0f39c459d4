-- The language a person is written to in (notifications, issue 23): Polish unless the directory or the
-- person says English. Only the languages the templates exist in are allowed.
ALTER TABLE person
    ADD COLUMN language varchar(2) NOT NULL DEFAULT 'pl' CONSTRAINT person_language CHECK (language IN ('pl', 'en'));
