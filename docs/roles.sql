-- Least-privilege roles for a team library on PostgreSQL (15 or newer).
--
-- Run this as the library's owner (the role that ran `briefing-app migrate`), in the
-- library's database, once after the first migrate: psql -d team -f docs/roles.sql
-- Then give each person a login in one of the two groups, for example:
--   CREATE ROLE amal LOGIN PASSWORD '...' IN ROLE briefing_analyst;
--   CREATE ROLE rita LOGIN PASSWORD '...' IN ROLE briefing_reader;
-- (the app takes passwords from ~/.pgpass, PGPASSWORD or the service file).
--
-- briefing_reader:  reads and searches; writes nothing.
-- briefing_analyst: also imports, writes notes, files and grades claims, corrects
--                   claims and saves searches; cannot create, alter or drop tables,
--                   and cannot change the schema's version.
-- The owner alone migrates (briefing-app migrate) and backs the database up.

DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'briefing_reader') THEN
        CREATE ROLE briefing_reader NOLOGIN;
    END IF;
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'briefing_analyst') THEN
        CREATE ROLE briefing_analyst NOLOGIN IN ROLE briefing_reader;
    END IF;
    EXECUTE format('GRANT CONNECT ON DATABASE %I TO briefing_reader', current_database());
END
$$;

REVOKE CREATE ON SCHEMA public FROM PUBLIC;
GRANT USAGE ON SCHEMA public TO briefing_reader;
GRANT SELECT ON ALL TABLES IN SCHEMA public TO briefing_reader;

GRANT INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO briefing_analyst;
REVOKE INSERT, UPDATE, DELETE ON alembic_version FROM briefing_analyst;
GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO briefing_analyst;

-- Tables and sequences a later migrate adds get the same rights.
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT ON TABLES TO briefing_reader;
ALTER DEFAULT PRIVILEGES IN SCHEMA public
    GRANT INSERT, UPDATE, DELETE ON TABLES TO briefing_analyst;
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO briefing_analyst;
