import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createToken, issueToken, listTokens } from '../../api/features/tokens/token-store';
import { runDsar } from '../helpers/dsar-cli';
import { eventually, startEngine, type Engine } from '../helpers/engine';

let engine: Engine;
beforeAll(async () => { engine = await startEngine({ worker: false }); });
afterAll(async () => { await engine?.stop(); });

const list = (token: string) => engine.app.inject({ method: 'GET', url: '/api/v1/cases', headers: { authorization: `Bearer ${token}` } });
const openCase = (token: string) => engine.app.inject({
  method: 'POST', url: '/api/v1/cases', headers: { authorization: `Bearer ${token}` },
  payload: { type: 'access', subject: { name: 'Ivan Petrov' }, channel: 'email', receivedAt: new Date().toISOString() },
});

describe('token lifecycle', () => {
  it('refuses a revoked token with 401 invalid_token', async () => {
    const { id, token } = await issueToken(engine.pool, 'officer', 'soon revoked');
    expect((await list(token)).statusCode).toBe(200);
    const run = runDsar(engine.config.databaseUrl, ['token', 'revoke', String(id)]);
    expect(run.status).toBe(0);
    const refused = await list(token);
    expect(refused.statusCode).toBe(401);
    expect(refused.json()).toMatchObject({ statusCode: 401, code: 'invalid_token' });
    expect(refused.json().message).toContain('npx dsar token create');
  });

  it('refuses an expired token with 401 token_expired, saying what to do', async () => {
    const token = await createToken(engine.pool, 'officer', 'expired', { expiresAt: new Date(Date.now() - 1000) });
    const refused = await list(token);
    expect(refused.statusCode).toBe(401);
    expect(refused.json()).toMatchObject({ statusCode: 401, code: 'token_expired' });
    expect(refused.json().message).toMatch(/expired.*new one/);
    const later = await createToken(engine.pool, 'officer', 'not yet expired', { expiresAt: new Date(Date.now() + 3_600_000) });
    expect((await list(later)).statusCode).toBe(200);
  });

  it('records when a token was last used; the list shows it and never the token or its hash', async () => {
    const { id, token } = await issueToken(engine.pool, 'auditor', 'Anna Auditor');
    const before = (await listTokens(engine.pool)).find((t) => t.id === id)!;
    expect(before.lastUsedAt).toBeNull();
    expect((await list(token)).statusCode).toBe(200);
    // Recorded in the background, off the request's path.
    await eventually(async () => (await listTokens(engine.pool)).find((t) => t.id === id)!.lastUsedAt);
    const run = runDsar(engine.config.databaseUrl, ['token', 'list']);
    expect(run.status).toBe(0);
    const shown = run.stdout.trim().split('\n').map((l) => JSON.parse(l)).find((t: { id: number }) => t.id === id);
    expect(Object.keys(shown).sort()).toEqual(['createdAt', 'expiresAt', 'id', 'lastUsedAt', 'name', 'revokedAt', 'role']);
    expect(shown).toMatchObject({ name: 'Anna Auditor', role: 'auditor', revokedAt: null, expiresAt: null });
    expect(Date.parse(shown.lastUsedAt)).toBeGreaterThanOrEqual(Date.parse(shown.createdAt));
    const hashes = (await engine.pool.query<{ token_hash: string }>('SELECT token_hash FROM api_tokens')).rows.map((r) => r.token_hash);
    for (const secret of [token, ...hashes]) expect(run.stdout).not.toContain(secret);
  });
});

describe('roles', () => {
  it('admin writes as officers do; auditor reads but cannot write', async () => {
    const admin = await openCase(engine.tokens.admin);
    expect(admin.statusCode).toBe(201);
    const auditor = await openCase(engine.tokens.auditor);
    expect(auditor.statusCode).toBe(403);
    expect(auditor.json()).toMatchObject({ code: 'forbidden' });
    expect((await list(engine.tokens.auditor)).statusCode).toBe(200);
    const action = await engine.app.inject({
      method: 'POST', url: `/api/v1/cases/${admin.json().id}/actions`, headers: engine.auth('auditor'), payload: { action: 'respond' },
    });
    expect(action.statusCode).toBe(403);
  });
});
