-- The extensions Carrefour's PostgreSQL search index needs (indexer/engines/postgres/schema.py, EXTENSIONS),
-- created once in Carrefour's database by a superuser. The migrations create them themselves when the
-- application's role may; earthdistance is not a "trusted" extension, so an ordinary role (even the
-- database's owner) cannot. The index refers to them as public.unaccent, public.cube and
-- public.gin_trgm_ops: they must live in the schema public.
--
-- The postgres image runs this file once, when its data volume is first initialized, in POSTGRES_DB.
-- By hand: psql -U postgres -d carrefour -f deploy/postgres-init.sql
CREATE EXTENSION IF NOT EXISTS unaccent SCHEMA public;
CREATE EXTENSION IF NOT EXISTS pg_trgm SCHEMA public;
CREATE EXTENSION IF NOT EXISTS cube SCHEMA public;
CREATE EXTENSION IF NOT EXISTS earthdistance SCHEMA public;
