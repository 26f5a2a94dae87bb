-- Up Migration

-- Some audited acts concern no single case: an administrator decoding Temporal payloads through the
-- codec endpoint (codec.decode). They belong in the same append-only trail, under the same trigger,
-- so an auditor reads one log; a case-less event simply has no case_id. Case history still selects
-- by case_id, so these rows never appear in a case's history.
ALTER TABLE audit_events ALTER COLUMN case_id DROP NOT NULL;
CREATE INDEX IF NOT EXISTS audit_events_caseless_idx ON audit_events (action, id) WHERE case_id IS NULL;

-- Down Migration
-- Fails once case-less events exist: the trail is append-only, they cannot be deleted.
DROP INDEX IF EXISTS audit_events_caseless_idx;
ALTER TABLE audit_events ALTER COLUMN case_id SET NOT NULL;
