import { createHash, randomBytes } from 'node:crypto';
import type pg from 'pg';

/** `intake`: a mail-provider webhook's token, allowed to post messages to `POST /api/v1/intake/email` and nothing else. */
export const ROLES = ['officer', 'dpo', 'auditor', 'admin', 'intake'] as const;
export type Role = (typeof ROLES)[number];

export interface Principal {
  tokenId: number;
  name: string;
  role: Role;
}

/** What `dsar token list` shows: never the token or its hash. */
export interface TokenInfo {
  id: number;
  name: string;
  role: Role;
  createdAt: string;
  lastUsedAt: string | null;
  expiresAt: string | null;
  revokedAt: string | null;
}

/** Why a presented token was refused: `unknown` covers revoked tokens too, so a revoked token reveals nothing. */
export type TokenCheck = { principal: Principal } | { refused: 'unknown' | 'expired' };

const hash = (token: string) => createHash('sha256').update(token).digest('hex');

/** Creates a token and returns it with its id; only its hash is stored, so it is shown exactly once. */
export async function issueToken(
  pool: pg.Pool, role: Role, name: string, opts: { expiresAt?: Date } = {},
): Promise<{ id: number; token: string }> {
  const token = `dsar_${randomBytes(32).toString('base64url')}`;
  const { rows } = await pool.query<{ id: string }>(
    'INSERT INTO api_tokens (name, role, token_hash, expires_at) VALUES ($1, $2, $3, $4) RETURNING id',
    [name, role, hash(token), opts.expiresAt ?? null],
  );
  return { id: Number(rows[0]!.id), token };
}

export async function createToken(pool: pg.Pool, role: Role, name: string, opts: { expiresAt?: Date } = {}): Promise<string> {
  return (await issueToken(pool, role, name, opts)).token;
}

export async function checkToken(pool: pg.Pool, token: string): Promise<TokenCheck> {
  const { rows } = await pool.query<{ id: string; name: string; role: Role; expired: boolean }>(
    // The database clock decides expiry, as it decides created_at and last_used_at.
    'SELECT id, name, role, coalesce(expires_at <= now(), false) AS expired FROM api_tokens WHERE token_hash = $1 AND revoked_at IS NULL',
    [hash(token)],
  );
  const row = rows[0];
  if (!row) return { refused: 'unknown' };
  if (row.expired) return { refused: 'expired' };
  return { principal: { tokenId: Number(row.id), name: row.name, role: row.role } };
}

export async function listTokens(pool: pg.Pool): Promise<TokenInfo[]> {
  const { rows } = await pool.query<{ id: string; name: string; role: Role; created_at: Date; last_used_at: Date | null; expires_at: Date | null; revoked_at: Date | null }>(
    'SELECT id, name, role, created_at, last_used_at, expires_at, revoked_at FROM api_tokens ORDER BY id',
  );
  const iso = (d: Date | null) => d?.toISOString() ?? null;
  return rows.map((r) => ({
    id: Number(r.id), name: r.name, role: r.role, createdAt: r.created_at.toISOString(),
    lastUsedAt: iso(r.last_used_at), expiresAt: iso(r.expires_at), revokedAt: iso(r.revoked_at),
  }));
}

/** Idempotent: revoking a revoked token keeps its first revocation time. */
export async function revokeToken(pool: pg.Pool, id: number): Promise<'revoked' | 'already_revoked' | 'not_found'> {
  const { rows } = await pool.query<{ was_revoked: boolean }>(
    `UPDATE api_tokens t SET revoked_at = coalesce(t.revoked_at, now())
       FROM api_tokens old WHERE t.id = $1 AND old.id = t.id
     RETURNING old.revoked_at IS NOT NULL AS was_revoked`,
    [id],
  );
  if (!rows[0]) return 'not_found';
  return rows[0].was_revoked ? 'already_revoked' : 'revoked';
}

/**
 * Records that a token was used. Cheap by design: the WHERE clause skips the write when the last one
 * is under a minute old, so a busy token costs one small UPDATE a minute, not one per request.
 */
export async function touchToken(pool: pg.Pool, id: number): Promise<void> {
  await pool.query(
    `UPDATE api_tokens SET last_used_at = now() WHERE id = $1 AND (last_used_at IS NULL OR last_used_at < now() - interval '1 minute')`,
    [id],
  );
}
