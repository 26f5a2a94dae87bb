-- Up Migration

-- Retention (issue 9 p.4). Order 179 p.4 keeps an act and its log extract 3 years from the destruction
-- (retain_until); after that the retention workflow purges the act's content — its JSON (which holds the log
-- extract), PDF and signature — and keeps the register entry: number, case, dates, both SHA-256 and who signed,
-- so the register stays gapless and the purge's audit event can name what was there.
ALTER TABLE destruction_acts ALTER COLUMN json DROP NOT NULL;
ALTER TABLE destruction_acts ALTER COLUMN pdf DROP NOT NULL;
ALTER TABLE destruction_acts ADD COLUMN IF NOT EXISTS purged_at timestamptz;
ALTER TABLE destruction_acts DROP CONSTRAINT IF EXISTS destruction_acts_content_check;
ALTER TABLE destruction_acts ADD CONSTRAINT destruction_acts_content_check
  CHECK ((purged_at IS NULL) = (json IS NOT NULL AND pdf IS NOT NULL));
CREATE INDEX IF NOT EXISTS destruction_acts_retain_idx ON destruction_acts (retain_until) WHERE purged_at IS NULL;

-- Minimisation of closed cases (DSAR_MINIMISE_AFTER_DAYS): the subject's name and e-mail become a marker,
-- stored mail and attachments lose their content; minimised_at says when, so it happens once.
ALTER TABLE cases ADD COLUMN IF NOT EXISTS minimised_at timestamptz;
CREATE INDEX IF NOT EXISTS cases_closed_unminimised_idx ON cases (closed_at) WHERE closed_at IS NOT NULL AND minimised_at IS NULL;

-- The audit export reads a period in chain order.
CREATE INDEX IF NOT EXISTS audit_events_at_idx ON audit_events (at, chain_seq);

-- Down Migration
DROP INDEX IF EXISTS audit_events_at_idx;
DROP INDEX IF EXISTS cases_closed_unminimised_idx;
ALTER TABLE cases DROP COLUMN IF EXISTS minimised_at;
DROP INDEX IF EXISTS destruction_acts_retain_idx;
ALTER TABLE destruction_acts DROP CONSTRAINT IF EXISTS destruction_acts_content_check;
ALTER TABLE destruction_acts DROP COLUMN IF EXISTS purged_at;
