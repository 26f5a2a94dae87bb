import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHAINED_EVENT_COLUMNS, eventHash, type ChainedEvent } from '../../cli/audit-chain';
import { verifyAuditChain } from '../../cli/audit-verify';
import { createPool, migrate } from '../../platform/db';
import { eventually, startEngine, type Engine } from '../helpers/engine';
import { runDsar } from '../helpers/dsar-cli';

// The audit log against real PostgreSQL: the engine's own writers chain, the app role cannot rewrite,
// and a superuser who does is named by `dsar audit verify`.
let engine: Engine;
let owner: pg.Client; // the database owner (a superuser here): the one who can bypass privileges and triggers
beforeAll(async () => {
  engine = await startEngine();
  owner = new pg.Client({ connectionString: engine.config.databaseUrl });
  await owner.connect();
  // As a superuser tampering would: with ordinary triggers (append-only, chain) switched off.
  await owner.query(`SET session_replication_role = replica`);
});
afterAll(async () => {
  await owner?.end();
  await engine?.stop();
});

const verify = () => runDsar(engine.config.databaseUrl, ['audit', 'verify']);
const row = async (seq: number) => (await owner.query('SELECT * FROM audit_events WHERE chain_seq = $1', [seq])).rows[0];
/** The row exactly as stored (microseconds, jsonb), for putting it back. */
const stored = async (seq: number) => (await owner.query('SELECT row_to_json(e)::text AS j FROM audit_events e WHERE chain_seq = $1', [seq])).rows[0].j as string;

async function openCaseAndAct(): Promise<string> {
  const opened = await engine.app.inject({
    method: 'POST', url: '/api/v1/cases', headers: engine.auth('officer'),
    payload: { type: 'access', subject: { name: 'Анна Ёлкина', email: 'anna@example.ru' }, channel: 'email', receivedAt: new Date().toISOString() },
  });
  expect(opened.statusCode).toBe(201);
  const id = opened.json().id as string;
  const act = await engine.app.inject({
    method: 'POST', url: `/api/v1/cases/${id}/actions`, headers: engine.auth('dpo'), payload: { action: 'respond', note: 'ответ отправлен' },
  });
  expect(act.statusCode).toBe(200);
  await eventually(async () => (await engine.pool.query('SELECT count(*)::int AS n FROM audit_events WHERE case_id = $1', [id])).rows[0].n >= 2);
  return id;
}

describe('the hash chain', () => {
  it('chains the events the engine writes through its normal paths, gap-free, and verify passes', async () => {
    const id = await openCaseAndAct();
    await openCaseAndAct();
    const events = (await engine.pool.query('SELECT chain_seq::int AS seq, prev_hash, hash, case_id, action FROM audit_events ORDER BY chain_seq')).rows;
    expect(events.map((e) => e.seq)).toEqual(events.map((_, i) => i + 1));
    expect(events.filter((e) => e.case_id === id).map((e) => e.action)).toEqual(['case.opened', 'case.respond']);
    for (let i = 1; i < events.length; i++) expect(events[i].prev_hash).toBe(events[i - 1].hash);
    // The fields a step changes besides the status are in the event, before and after.
    const [opened, responded] = (await engine.pool.query(`SELECT data FROM audit_events WHERE case_id = $1 ORDER BY chain_seq`, [id])).rows;
    expect(responded.data.step).not.toBe(opened.data.step);
    expect(responded.data.changes).toEqual({ step: { before: opened.data.step, after: responded.data.step } });
    const run = verify();
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(new RegExp(`^audit log intact: ${events.length} events, \\d+ anchors checked \\(chain_seq ${events.length}, head hash [0-9a-f]{64}\\)\\n$`));
  });

  it('recomputes in the verifier exactly what the trigger hashed, for unicode, nulls, nested jsonb and separators', async () => {
    const tricky = [
      { caseId: null, actor: 'Ёжик 🦔 "q"', message: null, data: { z: 1, a: { y: [1.0, 1e2, -0.5, null], b: 'ü\n\t\\"' }, '': '', 'ключ': 'значение' } },
      { caseId: null, actor: '3:abc~', message: '~', data: {} },
      { caseId: null, actor: '', message: '', data: { n: 12345678901234567890, deep: { c: { b: { a: '\u2028 𝄞' } } } } },
    ];
    for (const [i, t] of tricky.entries()) {
      await engine.pool.query(`INSERT INTO audit_events (case_id, actor, action, message, data, dedupe_key, acted_at) VALUES ($1, $2, 'test.tricky', $3, $4, $5, $6)`,
        [t.caseId, t.actor, t.message, JSON.stringify(t.data), `tricky:${i}`, i === 0 ? '2026-03-01T12:34:56.789123+03:00' : null]);
    }
    const rows = (await engine.pool.query(`SELECT ${CHAINED_EVENT_COLUMNS} FROM audit_events WHERE action = 'test.tricky'`)).rows as ChainedEvent[];
    expect(rows).toHaveLength(3);
    for (const r of rows) expect(eventHash(r)).toBe(r.hash);
    const client = await engine.pool.connect();
    try {
      expect(await verifyAuditChain(client, 2)).toMatchObject({ ok: true }); // pages of 2: the cursor is paged
    } finally {
      client.release();
    }
  });
});

describe('writers that interleave', () => {
  it('chain a transaction that waited behind another after it; the anchor and the next event find the head (chain_seq, not id)', async () => {
    const tag = `interleaved-${Date.now()}`;
    const insert = (c: pg.ClientBase, key: string) => c.query(
      `INSERT INTO audit_events (actor, action, message, data, dedupe_key) VALUES ('test', 'test.interleaved', 'two writers', '{}', $1)`, [`${tag}:${key}`]);
    const a = await engine.pool.connect();
    const b = await engine.pool.connect();
    try {
      await a.query('BEGIN');
      await insert(a, 'a1'); // A holds the chain's lock until it commits
      await b.query('BEGIN');
      const bDone = insert(b, 'b'); // B draws its id now, then waits for A
      const pid = (b as unknown as { processID: number }).processID;
      await eventually(async () => (await owner.query('SELECT wait_event_type FROM pg_stat_activity WHERE pid = $1', [pid])).rows[0]?.wait_event_type === 'Lock');
      await insert(a, 'a2'); // a higher id than B's, an earlier place in the chain
      await a.query('COMMIT');
      await bDone;
      await b.query('COMMIT');
    } finally {
      a.release();
      b.release();
    }
    // `audit anchor` anchors the head of the chain (B's event), not the event with the highest id (A's second).
    const anchored = runDsar(engine.config.databaseUrl, ['audit', 'anchor']);
    expect(anchored.status, anchored.stderr).toBe(0);
    const head = (await engine.pool.query('SELECT max(chain_seq)::text AS seq FROM audit_events')).rows[0].seq as string;
    expect(JSON.parse(anchored.stdout)).toMatchObject({ chainSeq: head });
    await insert(engine.pool as unknown as pg.ClientBase, 'next'); // refused (duplicate chain_seq) if the head were the highest id
    // One more, so this anchor stays inside the log that 'detects a tail cut off after an anchor' cuts below its own.
    await insert(engine.pool as unknown as pg.ClientBase, 'after');
    const { rows } = await engine.pool.query(`SELECT split_part(dedupe_key, ':', 2) AS key, id::int FROM audit_events WHERE dedupe_key LIKE $1 ORDER BY chain_seq`, [`${tag}:%`]);
    expect(rows.map((r) => r.key)).toEqual(['a1', 'a2', 'b', 'next', 'after']);
    expect(rows[2].id).toBeLessThan(rows[1].id); // the case this test is about: id order is not chain order
    const run = verify();
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
  });
});

describe('a superuser rewriting the log is named by dsar audit verify', () => {
  it('names an altered event', async () => {
    const original = await row(3);
    const exact = await stored(3);
    await owner.query(`UPDATE audit_events SET data = data || '{"step": "forged"}' WHERE chain_seq = 3`);
    const run = verify();
    expect(run.status).toBe(1);
    expect(run.stderr).toContain(`FAILED (tampered): event chain_seq 3 (id ${original.id}, case ${original.case_id}, action ${original.action}`);
    expect(run.stderr).toContain('was altered');
    await owner.query('UPDATE audit_events SET data = (json_populate_record(NULL::audit_events, $2::json)).data WHERE chain_seq = $1', [3, exact]);
    expect(verify().status).toBe(0);
  });

  it('names the first event altered too: no event before it vouches for it, only its own hash', async () => {
    const first = await row(1);
    const exact = await stored(1);
    await owner.query(`UPDATE audit_events SET actor = 'forged' WHERE chain_seq = 1`);
    const run = verify();
    expect(run.status).toBe(1);
    expect(run.stderr).toContain(`FAILED (tampered): event chain_seq 1 (id ${first.id}`);
    await owner.query('UPDATE audit_events SET actor = (json_populate_record(NULL::audit_events, $2::json)).actor WHERE chain_seq = $1', [1, exact]);
    expect(verify().status).toBe(0);
  });

  it('names a deleted event as missing', async () => {
    const exact = await stored(2);
    await owner.query('DELETE FROM audit_events WHERE chain_seq = 2');
    const run = verify();
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('FAILED (missing): missing event: chain_seq 2 is not in the log (deleted)');
    await owner.query('INSERT INTO audit_events SELECT * FROM json_populate_record(NULL::audit_events, $1::json)', [exact]);
    expect(verify().status).toBe(0);
  });

  it('names a reordered event', async () => {
    const swap = async () => {
      await owner.query('UPDATE audit_events SET chain_seq = -1 WHERE chain_seq = 2');
      await owner.query('UPDATE audit_events SET chain_seq = 2 WHERE chain_seq = 4');
      await owner.query('UPDATE audit_events SET chain_seq = 4 WHERE chain_seq = -1');
    };
    const fourth = await row(4);
    await swap();
    const run = verify();
    expect(run.status).toBe(1);
    expect(run.stderr).toContain(`FAILED (reordered): event chain_seq 2 (id ${fourth.id}`);
    expect(run.stderr).toContain('is out of order');
    await swap();
    expect(verify().status).toBe(0);
  });

  it('detects a tail cut off after an anchor', async () => {
    const anchored = runDsar(engine.config.databaseUrl, ['audit', 'anchor']);
    expect(anchored.status).toBe(0);
    const anchor = JSON.parse(anchored.stdout) as { chainSeq: string; hash: string };
    await openCaseAndAct(); // the log goes on after the anchor
    await owner.query('DELETE FROM audit_events WHERE chain_seq >= $1', [Number(anchor.chainSeq) - 1]);
    const run = verify();
    expect(run.status).toBe(1);
    expect(run.stderr).toContain(`FAILED (truncated): the log ends at chain_seq ${Number(anchor.chainSeq) - 2}, but an anchor`);
    expect(run.stderr).toContain(`names chain_seq ${anchor.chainSeq}`);
  });
});

describe('the application role', () => {
  it('works as dsar_app, may append, and gets permission denied for UPDATE, DELETE and TRUNCATE', async () => {
    expect((await engine.pool.query('SELECT current_user AS u')).rows[0].u).toBe('dsar_app');
    await expect(engine.pool.query(`UPDATE audit_events SET actor = 'someone else'`)).rejects.toThrow(/permission denied for table audit_events/);
    await expect(engine.pool.query('DELETE FROM audit_events')).rejects.toThrow(/permission denied for table audit_events/);
    await expect(engine.pool.query('TRUNCATE audit_events')).rejects.toThrow(/permission denied for table audit_events/);
    // Nor around it: no forged anchors, no switching the triggers off, no going back to the owner.
    await expect(engine.pool.query(`INSERT INTO audit_anchors (chain_seq, hash, source) VALUES (1, 'x', 'forged')`)).rejects.toThrow(/permission denied/);
    await expect(engine.pool.query('ALTER TABLE audit_events DISABLE TRIGGER USER')).rejects.toThrow(/must be owner/);
    const client = await engine.pool.connect();
    try {
      await client.query('RESET ROLE');
      expect((await client.query('SELECT current_user AS u')).rows[0].u).toBe('dsar_app');
    } finally {
      client.release();
    }
  });
});

describe('a separate login role for the application (DATABASE_URL of a member of dsar_app, DSAR_DB_APP_ROLE=none)', () => {
  it('starts with the migrations the owner applied, and is refused UPDATE, DELETE and TRUNCATE too', async () => {
    const login = `dsar_app_login_${process.pid}`;
    await owner.query(`CREATE ROLE ${login} LOGIN PASSWORD 'secret' IN ROLE dsar_app`);
    const url = new URL(engine.config.databaseUrl);
    url.username = login;
    url.password = 'secret';
    const pool = createPool(url.toString(), 1, null);
    try {
      await migrate(url.toString()); // as the API and worker do at start: nothing pending, nothing to create
      expect((await pool.query('SELECT current_user AS u')).rows[0].u).toBe(login);
      expect((await pool.query('SELECT count(*)::int AS n FROM audit_events')).rows[0].n).toBeGreaterThan(0);
      await expect(pool.query(`UPDATE audit_events SET actor = 'someone else'`)).rejects.toThrow(/permission denied for table audit_events/);
      await expect(pool.query('DELETE FROM audit_events')).rejects.toThrow(/permission denied for table audit_events/);
      await expect(pool.query('TRUNCATE audit_events')).rejects.toThrow(/permission denied for table audit_events/);
    } finally {
      await pool.end();
      await owner.query(`DROP ROLE ${login}`);
    }
  });
});
