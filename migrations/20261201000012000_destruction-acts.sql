-- Up Migration

-- Destruction acts (RKN Order 179): numbered 179-YYYY-NNNNNN per year with no gaps among issued acts.
-- No sequence: a rolled-back transaction would burn a number. The year's counter row is locked FOR UPDATE
-- in the transaction that stores the act, so a number exists exactly when its act does.
CREATE TABLE IF NOT EXISTS destruction_act_counters (
  year        integer PRIMARY KEY CHECK (year BETWEEN 2000 AND 9999),
  last_number integer NOT NULL CHECK (last_number >= 0)
);

-- One act per case destruction. The JSON is kept as the exact text that was hashed (jsonb would reorder
-- keys and change the hash); the PDF as the exact bytes that were hashed and signed.
CREATE TABLE IF NOT EXISTS destruction_acts (
  number           text PRIMARY KEY CHECK (number ~ '^179-[0-9]{4}-[0-9]{6,}$'),
  year             integer NOT NULL,
  seq              integer NOT NULL CHECK (seq > 0),
  case_id          text NOT NULL UNIQUE REFERENCES cases (id),
  destroyed_on     date NOT NULL,
  issued_at        timestamptz NOT NULL DEFAULT now(),
  -- Order 179 p.4: acts and log extracts are kept 3 years from the destruction.
  retain_until     date NOT NULL,
  json             text NOT NULL,
  json_sha256      text NOT NULL CHECK (json_sha256 ~ '^[0-9a-f]{64}$'),
  pdf              bytea NOT NULL,
  pdf_sha256       text NOT NULL CHECK (pdf_sha256 ~ '^[0-9a-f]{64}$'),
  -- Detached signature over the PDF bytes, when a signer is configured (DSAR_ACT_SIGNER_P12).
  signature        bytea,
  signature_format text CHECK (signature_format IN ('cms-detached')),
  signed_by        text,
  UNIQUE (year, seq),
  CHECK ((signature IS NULL) = (signature_format IS NULL))
);
CREATE INDEX IF NOT EXISTS destruction_acts_issued_idx ON destruction_acts (issued_at DESC);

-- Down Migration
DROP TABLE IF EXISTS destruction_acts;
DROP TABLE IF EXISTS destruction_act_counters;
