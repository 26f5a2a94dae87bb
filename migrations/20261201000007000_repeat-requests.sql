-- Up Migration

-- Art. 14 p.4–6: a request from the same subject on the same matter within 30 days of the answer to the previous
-- one is a repeat request; the case names the earlier case and the first day a repeat was allowed.
ALTER TABLE cases ADD COLUMN IF NOT EXISTS repeat_of text;
ALTER TABLE cases ADD COLUMN IF NOT EXISTS repeat_allowed_from date;
CREATE INDEX IF NOT EXISTS cases_subject_email_idx ON cases (lower(subject_email), type, closed_at DESC) WHERE subject_email IS NOT NULL;

-- Down Migration
DROP INDEX IF EXISTS cases_subject_email_idx;
ALTER TABLE cases DROP COLUMN IF EXISTS repeat_allowed_from;
ALTER TABLE cases DROP COLUMN IF EXISTS repeat_of;
