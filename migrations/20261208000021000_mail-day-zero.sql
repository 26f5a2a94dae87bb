-- Up Migration

-- Where a message's day 0 (received_at) came from (issue 16): the mailbox's INTERNALDATE, the topmost Received:
-- header our own mail server added, or an officer's statement on a manual upload (audited). Messages taken in
-- before this column existed keep NULL: for an upload, their received_at was the upload time.
ALTER TABLE mail_messages ADD COLUMN IF NOT EXISTS received_at_source text
  CHECK (received_at_source IN ('imap_internaldate', 'received_header', 'officer'));

-- Down Migration
ALTER TABLE mail_messages DROP COLUMN IF EXISTS received_at_source;
