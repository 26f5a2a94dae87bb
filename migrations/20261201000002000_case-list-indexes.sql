-- Up Migration

-- The case list is paged by keyset, newest first: (created_at, id) < cursor ORDER BY created_at DESC, id DESC.
-- A filter by status or type walks its own index in that order, and the capped count is an index-only scan.
CREATE INDEX IF NOT EXISTS cases_status_created_idx ON cases (status, created_at DESC, id DESC);
CREATE INDEX IF NOT EXISTS cases_type_created_idx ON cases (type, created_at DESC, id DESC);
-- Covered by cases_type_created_idx (same leading column).
DROP INDEX IF EXISTS cases_type_idx;

-- Down Migration
CREATE INDEX IF NOT EXISTS cases_type_idx ON cases (type);
DROP INDEX IF EXISTS cases_type_created_idx;
DROP INDEX IF EXISTS cases_status_created_idx;
