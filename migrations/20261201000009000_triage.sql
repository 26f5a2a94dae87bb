-- Up Migration

-- A letter e-mail intake could not classify opens as an `unclassified` case in the `triage` step, with a triage
-- term (block_on_report: 24:00 of the day of receipt); `classify` makes it one of the six requests (legal-paths.ts).
ALTER TABLE cases DROP CONSTRAINT IF EXISTS cases_type_check;
ALTER TABLE cases ADD CONSTRAINT cases_type_check
  CHECK (type IN ('access', 'correction', 'blocking', 'withdrawal', 'deletion', 'cease_processing', 'unclassified'));
ALTER TABLE case_terms DROP CONSTRAINT IF EXISTS case_terms_key_check;
ALTER TABLE case_terms ADD CONSTRAINT case_terms_key_check
  CHECK (key IN ('answer', 'block', 'rectify', 'cease', 'destroy', 'fallback', 'triage'));

-- Down Migration
ALTER TABLE case_terms DROP CONSTRAINT IF EXISTS case_terms_key_check;
ALTER TABLE case_terms ADD CONSTRAINT case_terms_key_check
  CHECK (key IN ('answer', 'block', 'rectify', 'cease', 'destroy', 'fallback'));
ALTER TABLE cases DROP CONSTRAINT IF EXISTS cases_type_check;
ALTER TABLE cases ADD CONSTRAINT cases_type_check
  CHECK (type IN ('access', 'correction', 'blocking', 'withdrawal', 'deletion', 'cease_processing'));
