-- Up Migration

-- An audit log an auditor can trust (docs/adr/011). Two independent guarantees:
--  1. Privilege: the API, worker and CLI work as the role dsar_app, which may read and append to
--     audit_events but not UPDATE, DELETE or TRUNCATE it. Triggers alone are not enough: the owner
--     can drop them.
--  2. Evidence: every event is hash-chained (each hash covers the event and the previous hash), with
--     anchors recorded along the way, so whoever can bypass privileges (a superuser) cannot alter,
--     delete, reorder or cut off events without `npx dsar audit verify` naming the place.

-- The application role. Roles belong to the whole cluster, so it may exist already (another database
-- of this engine, or made by a DBA). A migration user that may not create roles leaves it to the DBA.
DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'dsar_app') THEN
    BEGIN
      CREATE ROLE dsar_app NOLOGIN;
    EXCEPTION
      WHEN duplicate_object OR unique_violation THEN NULL; -- created concurrently by another database's migration
      WHEN insufficient_privilege THEN
        RAISE WARNING 'cannot create role dsar_app (no CREATEROLE): ask the DBA to run CREATE ROLE dsar_app NOLOGIN, then GRANT dsar_app TO %, and migrate again', current_user;
    END;
  END IF;
  -- The owner must be able to become dsar_app (DSAR_DB_APP_ROLE): superusers can already.
  IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'dsar_app')
     AND NOT (SELECT rolsuper FROM pg_roles WHERE rolname = current_user)
     AND NOT pg_has_role(current_user, 'dsar_app', 'MEMBER') THEN
    EXECUTE format('GRANT dsar_app TO %I', current_user);
  END IF;
END $$;

-- The chain: a gap-free order of its own (ids come from a sequence and may skip), and the hashes.
ALTER TABLE audit_events ADD COLUMN IF NOT EXISTS chain_seq bigint;
ALTER TABLE audit_events ADD COLUMN IF NOT EXISTS prev_hash text;
ALTER TABLE audit_events ADD COLUMN IF NOT EXISTS hash text;

-- The canonical form of an event. cli/audit-chain.ts builds the same bytes from the same columns: every
-- field length-prefixed (octet length, ':', text) or '~' for NULL, so no field can bleed into the next;
-- times in UTC with microseconds; data in jsonb's own text form (keys already normalised by jsonb).
CREATE OR REPLACE FUNCTION audit_field(value text) RETURNS text LANGUAGE sql IMMUTABLE AS $$
  SELECT CASE WHEN value IS NULL THEN '~' ELSE octet_length(value)::text || ':' || value END
$$;

CREATE OR REPLACE FUNCTION audit_time(value timestamptz) RETURNS text LANGUAGE sql STABLE AS $$
  SELECT to_char(value AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')
$$;

CREATE OR REPLACE FUNCTION audit_event_hash(
  chain_seq bigint, id bigint, case_id text, at timestamptz, actor text, action text, from_status text,
  to_status text, message text, data jsonb, dedupe_key text, acted_at timestamptz, prev_hash text
) RETURNS text LANGUAGE sql STABLE AS $$
  SELECT encode(sha256(convert_to(
    'dsar-audit-v1' || audit_field(chain_seq::text) || audit_field(id::text) || audit_field(case_id)
    || audit_field(audit_time(at)) || audit_field(actor) || audit_field(action) || audit_field(from_status)
    || audit_field(to_status) || audit_field(message) || audit_field(data::text) || audit_field(dedupe_key)
    || audit_field(audit_time(acted_at)) || audit_field(prev_hash),
    'UTF8')), 'hex')
$$;

-- Events written before this migration are chained once, in the order they were written.
ALTER TABLE audit_events DISABLE TRIGGER audit_events_no_update;
DO $$
DECLARE
  r record;
  n bigint;
  prev text;
  h text;
BEGIN
  SELECT coalesce(max(chain_seq), 0) INTO n FROM audit_events;
  SELECT coalesce((SELECT hash FROM audit_events WHERE chain_seq = n), repeat('0', 64)) INTO prev;
  FOR r IN SELECT * FROM audit_events WHERE chain_seq IS NULL ORDER BY id LOOP
    n := n + 1;
    h := audit_event_hash(n, r.id, r.case_id, r.at, r.actor, r.action, r.from_status, r.to_status, r.message,
                          r.data, r.dedupe_key, r.acted_at, prev);
    UPDATE audit_events SET chain_seq = n, prev_hash = prev, hash = h WHERE id = r.id;
    prev := h;
  END LOOP;
END $$;
ALTER TABLE audit_events ENABLE TRIGGER audit_events_no_update;

ALTER TABLE audit_events ALTER COLUMN chain_seq SET NOT NULL;
ALTER TABLE audit_events ALTER COLUMN prev_hash SET NOT NULL;
ALTER TABLE audit_events ALTER COLUMN hash SET NOT NULL;
-- Two writers can never take the same place in the chain, even in a transaction that does not see the other.
CREATE UNIQUE INDEX IF NOT EXISTS audit_events_chain_seq_idx ON audit_events (chain_seq);

-- Anchors: (chain_seq, hash) pairs recorded as the chain grows. The latest anchor must still be in the
-- chain, so cutting off the tail is detected too. Copy them elsewhere (verify prints the head) for more.
CREATE TABLE IF NOT EXISTS audit_anchors (
  chain_seq bigint PRIMARY KEY,
  hash      text NOT NULL,
  source    text NOT NULL,
  at        timestamptz NOT NULL DEFAULT now()
);
DROP TRIGGER IF EXISTS audit_anchors_no_update ON audit_anchors;
CREATE TRIGGER audit_anchors_no_update BEFORE UPDATE OR DELETE ON audit_anchors
  FOR EACH ROW EXECUTE FUNCTION audit_events_append_only();
DROP TRIGGER IF EXISTS audit_anchors_no_truncate ON audit_anchors;
CREATE TRIGGER audit_anchors_no_truncate BEFORE TRUNCATE ON audit_anchors
  FOR EACH STATEMENT EXECUTE FUNCTION audit_events_append_only();
INSERT INTO audit_anchors (chain_seq, hash, source)
SELECT chain_seq, hash, 'migration' FROM audit_events ORDER BY chain_seq DESC LIMIT 1
ON CONFLICT DO NOTHING;

-- Every writer is covered because the database chains the row, not the application. The advisory lock
-- serialises writers until commit, so the next event always sees the previous one. SECURITY DEFINER:
-- dsar_app cannot write anchors itself, only through these functions.
CREATE OR REPLACE FUNCTION audit_events_chain() RETURNS trigger LANGUAGE plpgsql
  SECURITY DEFINER SET search_path = pg_catalog, public AS $$
DECLARE
  head record;
BEGIN
  PERFORM pg_advisory_xact_lock(1522006011);
  SELECT chain_seq, hash INTO head FROM audit_events ORDER BY chain_seq DESC LIMIT 1;
  NEW.chain_seq := coalesce(head.chain_seq, 0) + 1;
  NEW.prev_hash := coalesce(head.hash, repeat('0', 64));
  NEW.hash := audit_event_hash(NEW.chain_seq, NEW.id, NEW.case_id, NEW.at, NEW.actor, NEW.action, NEW.from_status,
                               NEW.to_status, NEW.message, NEW.data, NEW.dedupe_key, NEW.acted_at, NEW.prev_hash);
  RETURN NEW;
END $$;
DROP TRIGGER IF EXISTS audit_events_chain ON audit_events;
CREATE TRIGGER audit_events_chain BEFORE INSERT ON audit_events
  FOR EACH ROW EXECUTE FUNCTION audit_events_chain();

-- AFTER, not BEFORE: a row skipped by ON CONFLICT DO NOTHING fires no AFTER trigger, so no anchor
-- ever names an event that does not exist.
CREATE OR REPLACE FUNCTION audit_events_anchor_every_100() RETURNS trigger LANGUAGE plpgsql
  SECURITY DEFINER SET search_path = pg_catalog, public AS $$
BEGIN
  IF NEW.chain_seq % 100 = 0 THEN
    INSERT INTO audit_anchors (chain_seq, hash, source) VALUES (NEW.chain_seq, NEW.hash, 'every 100 events')
    ON CONFLICT DO NOTHING;
  END IF;
  RETURN NULL;
END $$;
DROP TRIGGER IF EXISTS audit_events_anchor ON audit_events;
CREATE TRIGGER audit_events_anchor AFTER INSERT ON audit_events
  FOR EACH ROW EXECUTE FUNCTION audit_events_anchor_every_100();

-- `npx dsar audit anchor` and `verify --anchor`: anchors the current head; NULL when the log is empty.
CREATE OR REPLACE FUNCTION audit_anchor(source text) RETURNS audit_anchors LANGUAGE plpgsql
  SECURITY DEFINER SET search_path = pg_catalog, public AS $$
DECLARE
  anchored audit_anchors;
BEGIN
  INSERT INTO audit_anchors (chain_seq, hash, source)
  SELECT e.chain_seq, e.hash, audit_anchor.source FROM audit_events e ORDER BY e.chain_seq DESC LIMIT 1
  ON CONFLICT (chain_seq) DO NOTHING;
  SELECT a.* INTO anchored FROM audit_anchors a ORDER BY a.chain_seq DESC LIMIT 1;
  RETURN anchored;
END $$;

-- Privileges of the application role: normal rights on the engine's tables, append-only on the log,
-- read-only on anchors and migrations. Tables later migrations create get the normal rights by default.
DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'dsar_app') THEN RETURN; END IF;
  EXECUTE format('GRANT CONNECT, TEMPORARY ON DATABASE %I TO dsar_app', current_database());
  GRANT USAGE ON SCHEMA public TO dsar_app;
  GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO dsar_app;
  GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA public TO dsar_app;
  ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO dsar_app;
  ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT, UPDATE ON SEQUENCES TO dsar_app;
  REVOKE UPDATE, DELETE, TRUNCATE, REFERENCES, TRIGGER ON audit_events FROM dsar_app;
  REVOKE INSERT, UPDATE, DELETE, TRUNCATE, REFERENCES, TRIGGER ON audit_anchors FROM dsar_app;
  -- Read-only, but with one privilege besides SELECT: node-pg-migrate checks the table's primary key through
  -- information_schema, which hides constraints from a role that may only SELECT (then it would try to add one).
  REVOKE INSERT, UPDATE, DELETE, TRUNCATE, TRIGGER ON schema_migrations FROM dsar_app;
  GRANT REFERENCES ON schema_migrations TO dsar_app;
  REVOKE EXECUTE ON FUNCTION audit_anchor(text) FROM PUBLIC;
  GRANT EXECUTE ON FUNCTION audit_anchor(text) TO dsar_app;
END $$;

-- Down Migration
DO $$
BEGIN
  IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'dsar_app') THEN
    ALTER DEFAULT PRIVILEGES IN SCHEMA public REVOKE ALL ON TABLES FROM dsar_app;
    ALTER DEFAULT PRIVILEGES IN SCHEMA public REVOKE ALL ON SEQUENCES FROM dsar_app;
    REVOKE ALL ON ALL TABLES IN SCHEMA public FROM dsar_app;
    REVOKE ALL ON ALL SEQUENCES IN SCHEMA public FROM dsar_app;
    REVOKE ALL ON SCHEMA public FROM dsar_app;
    EXECUTE format('REVOKE ALL ON DATABASE %I FROM dsar_app', current_database());
  END IF;
END $$;
DROP TRIGGER IF EXISTS audit_events_anchor ON audit_events;
DROP TRIGGER IF EXISTS audit_events_chain ON audit_events;
DROP FUNCTION IF EXISTS audit_anchor(text);
DROP FUNCTION IF EXISTS audit_events_anchor_every_100();
DROP FUNCTION IF EXISTS audit_events_chain();
DROP TABLE IF EXISTS audit_anchors;
DROP INDEX IF EXISTS audit_events_chain_seq_idx;
ALTER TABLE audit_events DROP COLUMN IF EXISTS hash, DROP COLUMN IF EXISTS prev_hash, DROP COLUMN IF EXISTS chain_seq;
DROP FUNCTION IF EXISTS audit_event_hash(bigint, bigint, text, timestamptz, text, text, text, text, text, jsonb, text, timestamptz, text);
DROP FUNCTION IF EXISTS audit_time(timestamptz);
DROP FUNCTION IF EXISTS audit_field(text);
-- The role dsar_app is left: roles are shared by every database of the cluster.
