import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPool } from '../../platform/db';
import { freshDatabase } from '../helpers/database';
import { runDsar } from '../helpers/dsar-cli';

let db: Awaited<ReturnType<typeof freshDatabase>>;
beforeAll(async () => { db = await freshDatabase(); });
afterAll(async () => { await db?.drop(); });

const dsar = (args: string[], input?: string) => runDsar(db.url, args, input);

describe('dsar token create', () => {
  it('prints the new token alone on stdout and stores only its hash', async () => {
    const run = dsar(['token', 'create', '--role', 'officer', '--name', 'Olga']);
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/^dsar_[A-Za-z0-9_-]{43}\n$/);
    expect(run.stderr).toMatch(/created officer token \d+ for "Olga" \(does not expire; revoke with `npx dsar token revoke \d+`\)/);
    const pool = createPool(db.url, 1);
    const rows = (await pool.query('SELECT name, role, token_hash FROM api_tokens')).rows;
    await pool.end();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ name: 'Olga', role: 'officer' });
    expect(rows[0].token_hash).not.toContain(run.stdout.trim());
  });

  it('sets an expiry with --expires-in and refuses a malformed one', () => {
    const run = dsar(['token', 'create', '--role', 'dpo', '--name', 'Temp', '--expires-in', '90d']);
    expect(run.status).toBe(0);
    const expires = /expires (\S+);/.exec(run.stderr)?.[1];
    expect(Date.parse(expires!) - Date.now()).toBeGreaterThan(89.9 * 86_400_000);
    const listed = dsar(['token', 'list']).stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(listed.find((t: { name: string }) => t.name === 'Temp').expiresAt).toBe(expires);
    const bad = dsar(['token', 'create', '--role', 'dpo', '--expires-in', '3 months']);
    expect(bad.status).not.toBe(0);
    expect(bad.stderr).toContain('e.g. 12h, 90d, 4w');
  });

  it('refuses an unknown role with the list of roles', () => {
    const run = dsar(['token', 'create', '--role', 'root']);
    expect(run.status).not.toBe(0);
    expect(run.stderr).toContain('officer, dpo, auditor, admin');
  });
});

describe('dsar token list and revoke', () => {
  it('revokes by id, idempotently, saying what it did', () => {
    dsar(['token', 'create', '--role', 'officer', '--name', 'Leaving']);
    const id = dsar(['token', 'list']).stdout.trim().split('\n').map((l) => JSON.parse(l)).find((t: { name: string }) => t.name === 'Leaving').id;
    const first = dsar(['token', 'revoke', String(id)]);
    expect(first.status).toBe(0);
    expect(first.stderr).toContain(`revoked token ${id}`);
    const revokedAt = dsar(['token', 'list']).stdout.trim().split('\n').map((l) => JSON.parse(l)).find((t: { id: number }) => t.id === id).revokedAt;
    expect(revokedAt).not.toBeNull();
    const again = dsar(['token', 'revoke', String(id)]);
    expect(again.status).toBe(0);
    expect(again.stderr).toContain('already revoked');
    const after = dsar(['token', 'list']).stdout.trim().split('\n').map((l) => JSON.parse(l)).find((t: { id: number }) => t.id === id);
    expect(after.revokedAt).toBe(revokedAt); // the first revocation time stays
  });

  it('exits with code 2 and a clear message for an unknown id', () => {
    const run = dsar(['token', 'revoke', '999999']);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('no token with id 999999');
    expect(run.stderr).toContain('npx dsar token list');
  });
});

describe('dsar deadline', () => {
  it('prints one JSON object for a rule and a date', () => {
    const run = dsar(['deadline', '--rule', 'access', '--from', '2025-10-24']);
    expect(run.status).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ rule: 'access', from: '2025-10-24', due: '2025-11-10', extendedDue: '2025-11-17', provisional: false });
  });

  it('answers a batch line by line, in order, with an error object for a bad line', () => {
    const input = ['{"rule":"access","from":"2024-12-27"}', 'not json', '{"rule":"incident_initial","from":"2025-10-24T18:00:00+03:00"}'].join('\n');
    const run = dsar(['deadline', '--batch'], input);
    const lines = run.stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(lines).toHaveLength(3);
    expect(lines[0]).toMatchObject({ due: '2025-01-21', extendedDue: '2025-01-28' });
    expect(lines[1].error).toMatchObject({ code: 'invalid_json' });
    expect(lines[2]).toMatchObject({ dueAt: '2025-10-25T18:00:00+03:00' });
  });

  it('counts the operator profile\'s promised terms as internal terms, at most the statute', () => {
    const withProfile = (file: string) => {
      process.env.DSAR_OPERATOR_PROFILE = `operator/profiles/${file}`; // spawnSync: the child takes a copy at once
      try {
        return dsar(['deadline', '--rule', 'destroy_on_evidence', '--from', '2025-10-24']);
      } finally {
        delete process.env.DSAR_OPERATOR_PROFILE;
      }
    };
    const jugru = withProfile('jugru.json'); // §9.5 promises 10 WD + 5: applied as the statute's 7
    expect(jugru.status).toBe(0);
    expect(JSON.parse(jugru.stdout)).toMatchObject({ due: '2025-11-05', internal: { n: 7, due: '2025-11-05' } });
    expect(JSON.parse(dsar(['deadline', '--rule', 'destroy_on_evidence', '--from', '2025-10-24']).stdout)).not.toHaveProperty('internal');
    const refused = withProfile('wt24.json');
    expect(refused.status).not.toBe(0);
    expect(JSON.parse(refused.stdout).error).toMatchObject({ code: 'invalid_config', message: expect.stringContaining('/legalName is missing') });
  });
});
