-- The e-mail channel finds a mail's sender in the people register by address, case-insensitively (issue 24).
CREATE INDEX person_email ON person (lower(email)) WHERE email IS NOT NULL;
