import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPool } from '../../platform/db';
import { freshDatabase } from '../helpers/database';

const root = path.resolve(__dirname, '../..');
let db: Awaited<ReturnType<typeof freshDatabase>>;
beforeAll(async () => { db = await freshDatabase(); });
afterAll(async () => { await db?.drop(); });

/** Runs `dsar …` exactly as `npx dsar` does (the package's bin). */
const dsar = (args: string[], input?: string) => spawnSync(process.execPath, [path.join(root, 'bin/dsar.cjs'), ...args], {
  cwd: root, input, encoding: 'utf8', env: { ...process.env, DATABASE_URL: db.url },
});

describe('dsar token create', () => {
  it('prints the new token alone on stdout and stores only its hash', async () => {
    const run = dsar(['token', 'create', '--role', 'officer', '--name', 'Olga']);
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/^dsar_[A-Za-z0-9_-]{43}\n$/);
    expect(run.stderr).toContain('created officer token for "Olga"');
    const pool = createPool(db.url, 1);
    const rows = (await pool.query('SELECT name, role, token_hash FROM api_tokens')).rows;
    await pool.end();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ name: 'Olga', role: 'officer' });
    expect(rows[0].token_hash).not.toContain(run.stdout.trim());
  });

  it('refuses an unknown role with the list of roles', () => {
    const run = dsar(['token', 'create', '--role', 'root']);
    expect(run.status).not.toBe(0);
    expect(run.stderr).toContain('officer, dpo, auditor, admin');
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
});
