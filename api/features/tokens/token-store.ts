import { createHash, randomBytes } from 'node:crypto';
import type pg from 'pg';

export const ROLES = ['officer', 'dpo', 'auditor', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export interface Principal {
  tokenId: number;
  name: string;
  role: Role;
}

const hash = (token: string) => createHash('sha256').update(token).digest('hex');

/** Creates a token and returns it; only its hash is stored, so it is shown exactly once. */
export async function createToken(pool: pg.Pool, role: Role, name: string): Promise<string> {
  const token = `dsar_${randomBytes(32).toString('base64url')}`;
  await pool.query('INSERT INTO api_tokens (name, role, token_hash) VALUES ($1, $2, $3)', [name, role, hash(token)]);
  return token;
}

export async function findPrincipal(pool: pg.Pool, token: string): Promise<Principal | undefined> {
  const { rows } = await pool.query<{ id: string; name: string; role: Role }>(
    'SELECT id, name, role FROM api_tokens WHERE token_hash = $1 AND revoked_at IS NULL',
    [hash(token)],
  );
  const row = rows[0];
  return row ? { tokenId: Number(row.id), name: row.name, role: row.role } : undefined;
}
