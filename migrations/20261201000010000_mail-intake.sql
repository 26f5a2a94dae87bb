-- Up Migration

-- Every message e-mail intake received (IMAP or POST /api/v1/intake/email), kept with its raw bytes whatever
-- became of it: a case, a triaged case, correspondence on an existing case, an auto-reply, or a rejection.
-- Exactly once (docs/adr/010): the hash of the raw bytes is the key a re-delivery, a re-scan after a UIDVALIDITY
-- change or a retried upload all meet on; (mailbox, uidvalidity, uid) is the IMAP message's own identity.
CREATE TABLE IF NOT EXISTS mail_messages (
  id                bigserial PRIMARY KEY,
  source            text NOT NULL CHECK (source IN ('imap', 'api')),
  mailbox           text,
  uidvalidity       bigint,
  uid               bigint,
  raw_sha256        text NOT NULL UNIQUE,
  message_id        text,
  -- IMAP INTERNALDATE (when the server accepted it) or the API's receipt: day 0 of the statutory term.
  received_at       timestamptz NOT NULL,
  size_bytes        integer NOT NULL,
  -- NULL only for a message refused as too large (its hash and size are kept).
  raw               bytea,
  outcome           text NOT NULL CHECK (outcome IN ('case', 'triage', 'correspondence', 'auto_reply', 'rejected')),
  -- The case opened (case, triage) or replied to (correspondence); reserved in intake_keys in the same transaction.
  case_id           text,
  rejection_code    text,
  rejection_reason  text,
  -- Headers, classification, identity (document numbers masked), attachments' metadata: never the body text.
  parsed            jsonb NOT NULL DEFAULT '{}'::jsonb,
  created_at        timestamptz NOT NULL DEFAULT now(),
  UNIQUE (mailbox, uidvalidity, uid),
  CHECK ((outcome = 'rejected') = (rejection_code IS NOT NULL)),
  CHECK (outcome NOT IN ('case', 'triage', 'correspondence') OR case_id IS NOT NULL)
);
CREATE INDEX IF NOT EXISTS mail_messages_case_idx ON mail_messages (case_id, id) WHERE case_id IS NOT NULL;

-- Attachments of a taken-in message; content NULL when it was above the per-attachment limit (metadata kept).
CREATE TABLE IF NOT EXISTS mail_attachments (
  mail_message_id bigint NOT NULL REFERENCES mail_messages (id),
  position        integer NOT NULL,
  filename        text,
  content_type    text NOT NULL,
  size_bytes      bigint NOT NULL,
  sha256          text NOT NULL,
  signature       boolean NOT NULL DEFAULT false,
  content         bytea,
  PRIMARY KEY (mail_message_id, position)
);

-- The IMAP consumer's durable cursor and state, one row per mailbox; /health reads the state.
CREATE TABLE IF NOT EXISTS intake_cursors (
  mailbox      text PRIMARY KEY,
  uidvalidity  bigint,
  -- Every UID up to this one is taken in (and moved, or about to be moved, to the Processed folder).
  last_uid     bigint NOT NULL DEFAULT 0,
  state        text NOT NULL CHECK (state IN ('ok', 'connecting', 'down')),
  -- The last connection error, with no password or address in it.
  last_error   text,
  last_seen_at timestamptz NOT NULL DEFAULT now()
);

-- `intake`: a token for mail-provider webhooks that can post messages and do nothing else.
ALTER TABLE api_tokens DROP CONSTRAINT IF EXISTS api_tokens_role_check;
ALTER TABLE api_tokens ADD CONSTRAINT api_tokens_role_check CHECK (role IN ('officer', 'dpo', 'auditor', 'admin', 'intake'));

-- Down Migration
ALTER TABLE api_tokens DROP CONSTRAINT IF EXISTS api_tokens_role_check;
ALTER TABLE api_tokens ADD CONSTRAINT api_tokens_role_check CHECK (role IN ('officer', 'dpo', 'auditor', 'admin'));
DROP TABLE IF EXISTS intake_cursors;
DROP TABLE IF EXISTS mail_attachments;
DROP TABLE IF EXISTS mail_messages;
