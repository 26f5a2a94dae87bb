-- Up Migration

-- People who sign in to the web console (ADR 013). The same four roles as API tokens; the password is kept only
-- as an argon2id hash (PHC string). Failed sign-ins lock the account with a growing backoff (users/lockout.ts).
CREATE TABLE IF NOT EXISTS console_users (
  id                  bigserial PRIMARY KEY,
  email               text NOT NULL,
  name                text NOT NULL,
  role                text NOT NULL CHECK (role IN ('officer', 'dpo', 'auditor', 'admin')),
  password_hash       text NOT NULL CHECK (password_hash LIKE '$argon2id$%'),
  failed_attempts     integer NOT NULL DEFAULT 0 CHECK (failed_attempts >= 0),
  locked_until        timestamptz,
  password_changed_at timestamptz NOT NULL DEFAULT now(),
  created_at          timestamptz NOT NULL DEFAULT now(),
  disabled_at         timestamptz
);
CREATE UNIQUE INDEX IF NOT EXISTS console_users_email_idx ON console_users (lower(email));

-- Server-side sessions: the cookie holds a 256-bit random token, the table only its SHA-256 (a database leak
-- leaks no usable session). Deleting the row signs out; a password reset deletes the user's sessions.
CREATE TABLE IF NOT EXISTS console_sessions (
  id           bigserial PRIMARY KEY,
  token_hash   text NOT NULL UNIQUE CHECK (token_hash ~ '^[0-9a-f]{64}$'),
  user_id      bigint NOT NULL REFERENCES console_users (id) ON DELETE CASCADE,
  created_at   timestamptz NOT NULL DEFAULT now(),
  last_seen_at timestamptz NOT NULL DEFAULT now(),
  expires_at   timestamptz NOT NULL
);
CREATE INDEX IF NOT EXISTS console_sessions_user_idx ON console_sessions (user_id);

-- The console's reads at 100,000 cases (bench/console.bench.ts): open cases by type and step (index-only), a
-- status and type filter sorted by due date (and its capped count), the weekly closed count.
CREATE INDEX IF NOT EXISTS cases_open_type_step_idx ON cases (type, step) WHERE status IN ('received', 'overdue');
CREATE INDEX IF NOT EXISTS cases_status_type_due_idx ON cases (status, type, due, id);
CREATE INDEX IF NOT EXISTS cases_closed_at_idx ON cases (closed_at) WHERE closed_at IS NOT NULL;
-- The dashboard's open cases in a destruction step, soonest due first.
CREATE INDEX IF NOT EXISTS cases_destruction_due_idx ON cases (due, id) WHERE step IN ('destroying', 'destroying_deferred') AND status IN ('received', 'overdue');

-- Text search on case number and subject (ILIKE '%…%') by trigrams. pg_trgm is a trusted contrib extension; a server
-- without contrib still migrates (the search then scans the table) and says how to add the index later.
DO $$
BEGIN
  CREATE EXTENSION IF NOT EXISTS pg_trgm;
EXCEPTION WHEN OTHERS THEN
  RAISE WARNING 'pg_trgm is not available (%): console text search will scan the cases table. Install PostgreSQL contrib, then: CREATE EXTENSION pg_trgm; CREATE INDEX cases_search_trgm_idx ON cases USING gin ((id || '' '' || subject_name) gin_trgm_ops);', SQLERRM;
END $$;
DO $$
BEGIN
  IF EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'pg_trgm') THEN
    CREATE INDEX IF NOT EXISTS cases_search_trgm_idx ON cases USING gin ((id || ' ' || subject_name) gin_trgm_ops);
  END IF;
END $$;

-- Down Migration
DROP INDEX IF EXISTS cases_search_trgm_idx;
DROP INDEX IF EXISTS cases_destruction_due_idx;
DROP INDEX IF EXISTS cases_status_type_due_idx;
DROP INDEX IF EXISTS cases_open_type_step_idx;
DROP INDEX IF EXISTS cases_closed_at_idx;
DROP TABLE IF EXISTS console_sessions;
DROP TABLE IF EXISTS console_users;
