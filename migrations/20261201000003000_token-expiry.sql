-- Up Migration

-- Tokens can expire (`dsar token create --expires-in 90d`) and show when they were last used, so an
-- operator can find and revoke forgotten ones. NULL expires_at: the token does not expire.
ALTER TABLE api_tokens ADD COLUMN IF NOT EXISTS expires_at timestamptz;
-- Updated at most about once a minute per token (see api/features/tokens/token-store.ts).
ALTER TABLE api_tokens ADD COLUMN IF NOT EXISTS last_used_at timestamptz;

-- Down Migration
ALTER TABLE api_tokens DROP COLUMN IF EXISTS last_used_at;
ALTER TABLE api_tokens DROP COLUMN IF EXISTS expires_at;
