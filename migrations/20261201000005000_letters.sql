-- Up Migration

-- The outbox: every letter the engine sends, stored with its exact text *before* it is sent, so a letter is
-- never lost while SMTP is down and an auditor reads exactly what the subject received. `dedupe_key` makes
-- queueing idempotent (a retried activity finds its letter); `message_id` is derived from it, so a re-send
-- after a crash carries the same Message-ID and the receiving side can drop the duplicate.
CREATE TABLE IF NOT EXISTS letters (
  id          bigserial PRIMARY KEY,
  case_id     text NOT NULL,
  kind        text NOT NULL,
  language    text NOT NULL CHECK (language IN ('ru', 'en')),
  sender      text NOT NULL,
  recipient   text NOT NULL,
  subject     text NOT NULL,
  body_text   text NOT NULL,
  dedupe_key  text NOT NULL UNIQUE,
  message_id  text NOT NULL UNIQUE,
  -- queued: stored, not yet accepted by the SMTP server (also while no SMTP is configured);
  -- sent: accepted by the SMTP server at sent_at; failed_permanently: the server refused it (5xx), never retried.
  status      text NOT NULL DEFAULT 'queued' CHECK (status IN ('queued', 'sent', 'failed_permanently')),
  attempts    integer NOT NULL DEFAULT 0,
  -- The SMTP error code and reply with addresses removed: never personal data.
  last_error  text,
  created_at  timestamptz NOT NULL DEFAULT now(),
  sent_at     timestamptz,
  CHECK ((status = 'sent') = (sent_at IS NOT NULL))
);
CREATE INDEX IF NOT EXISTS letters_case_idx ON letters (case_id, id);
CREATE INDEX IF NOT EXISTS letters_queued_idx ON letters (id) WHERE status = 'queued';

-- Down Migration
DROP TABLE IF EXISTS letters;
