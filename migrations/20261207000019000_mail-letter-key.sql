-- Up Migration

-- Exactly once per letter, not per byte string (issue 16, docs/adr/010): the same letter relayed with other
-- `Received:` headers or delivered to two of our mailboxes has other bytes but one key, the normalised Message-ID
-- with the normalised sender (or, without a Message-ID, a hash of the body and the headers relays leave alone).
-- Messages taken in before this migration keep their bytes as their key.
ALTER TABLE mail_messages ADD COLUMN IF NOT EXISTS dedupe_key text;
UPDATE mail_messages SET dedupe_key = 'raw:' || raw_sha256 WHERE dedupe_key IS NULL;
ALTER TABLE mail_messages ALTER COLUMN dedupe_key SET NOT NULL;
CREATE UNIQUE INDEX IF NOT EXISTS mail_messages_dedupe_key_idx ON mail_messages (dedupe_key);

-- A message that cites a case (its [DSAR-…] tag or In-Reply-To) from a sender who is not that case's subject:
-- it opens a triage case (case_id) and is shown on the cited case as unverified, never as its correspondence.
ALTER TABLE mail_messages ADD COLUMN IF NOT EXISTS cited_case_id text;
CREATE INDEX IF NOT EXISTS mail_messages_cited_case_idx ON mail_messages (cited_case_id, id) WHERE cited_case_id IS NOT NULL;

-- Down Migration
DROP INDEX IF EXISTS mail_messages_cited_case_idx;
ALTER TABLE mail_messages DROP COLUMN IF EXISTS cited_case_id;
DROP INDEX IF EXISTS mail_messages_dedupe_key_idx;
ALTER TABLE mail_messages DROP COLUMN IF EXISTS dedupe_key;
