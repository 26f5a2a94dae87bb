-- Up Migration

-- Letters are sent at most once automatically (ADR 008). `sending_since` marks an attempt as begun, committed
-- before the SMTP conversation; every recorded outcome (accepted, SMTP error, refused) clears it. An attempt that
-- finds it still set knows an earlier attempt ended without a recorded outcome (the worker died while the server
-- may already have taken the letter) and marks the letter `unconfirmed` instead of sending it again; an officer
-- checks the mail server's log for its Message-ID and resends it explicitly (`npx dsar letters resend <id>`).
-- On an `unconfirmed` letter it keeps the instant that unrecorded attempt began: where to look in that log.
ALTER TABLE letters ADD COLUMN IF NOT EXISTS sending_since timestamptz;
ALTER TABLE letters DROP CONSTRAINT IF EXISTS letters_status_check;
ALTER TABLE letters ADD CONSTRAINT letters_status_check
  CHECK (status IN ('queued', 'sent', 'failed_permanently', 'unconfirmed'));
CREATE INDEX IF NOT EXISTS letters_unconfirmed_idx ON letters (id) WHERE status = 'unconfirmed';

-- Down Migration
DROP INDEX IF EXISTS letters_unconfirmed_idx;
-- Going back to at-least-once: an unconfirmed letter becomes queued again, and the old code will send it again.
UPDATE letters SET status = 'queued' WHERE status = 'unconfirmed';
ALTER TABLE letters DROP CONSTRAINT IF EXISTS letters_status_check;
ALTER TABLE letters ADD CONSTRAINT letters_status_check CHECK (status IN ('queued', 'sent', 'failed_permanently'));
ALTER TABLE letters DROP COLUMN IF EXISTS sending_since;
