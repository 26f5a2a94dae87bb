import pg from 'pg';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { CHAINED_EVENT_COLUMNS, GENESIS_HASH, type ChainedEvent } from '../../cli/audit-chain';
import { anchorHead, verifyAuditChain } from '../../cli/audit-verify';
import { freshDatabase } from '../helpers/database';

/**
 * The verifier itself, in this process, against a real log the database chained: each kind of rewrite is named
 * with the place and the words an auditor reads (`dsar audit verify` prints this finding). The CLI around it is
 * tested end to end in audit-chain.test.ts.
 */
type Log = { pool: pg.Pool; owner: pg.Client; drop: () => Promise<void> };
const logs: Log[] = [];
afterEach(async () => {
  for (const log of logs.splice(0)) {
    await log.owner.end();
    await log.pool.end();
    await log.drop();
  }
});
afterAll(async () => {
  expect(logs).toEqual([]);
});

/** A fresh database with `count` case-less events appended through the chain trigger. */
async function logOf(count: number): Promise<Log> {
  const db = await freshDatabase();
  const pool = new pg.Pool({ connectionString: db.url, max: 2 });
  const owner = new pg.Client({ connectionString: db.url });
  await owner.connect();
  const log = { pool, owner, drop: db.drop };
  logs.push(log);
  for (let i = 1; i <= count; i++) {
    await pool.query(`INSERT INTO audit_events (case_id, actor, action, message, dedupe_key) VALUES (NULL, 'system', 'test.event', $1, $2)`,
      [`event ${i}`, `verify-test:${i}`]);
  }
  // From here on the owner writes as a superuser tampering would: triggers (append-only, chain) off.
  await owner.query('SET session_replication_role = replica');
  return log;
}

async function verify(log: Log, pageSize?: number) {
  const client = await log.pool.connect();
  try {
    return await verifyAuditChain(client, pageSize);
  } finally {
    client.release();
  }
}

const event = async (log: Log, seq: number) =>
  (await log.owner.query(`SELECT ${CHAINED_EVENT_COLUMNS} FROM audit_events WHERE chain_seq = $1`, [seq])).rows[0] as ChainedEvent;
const described = (e: ChainedEvent) =>
  `event chain_seq ${e.chainSeq} (id ${e.id}, ${e.caseId ? `case ${e.caseId}` : 'no case'}, action ${e.action}, at ${e.at})`;
async function addAnchor(log: Log, seq: number, hash: string, source = 'kept by the auditor'): Promise<string> {
  const { rows } = await log.owner.query(`INSERT INTO audit_anchors (chain_seq, hash, source) VALUES ($1, $2, $3) RETURNING audit_time(at) AS at`,
    [seq, hash, source]);
  return rows[0].at as string;
}

describe('an intact log', () => {
  it('is reported with its event count, the anchors it checked and its head, whatever the page size', async () => {
    const log = await logOf(5);
    const head = await event(log, 5);
    for (const pageSize of [1, 2, 5, 1000]) {
      expect(await verify(log, pageSize)).toEqual({ ok: true, events: 5, anchors: 0, head: { chainSeq: '5', hash: head.hash } });
    }
    expect((await event(log, 1)).prevHash).toBe(GENESIS_HASH);
  });

  it('counts every anchor that matches, several at one event too, and anchorHead anchors the head it returns', async () => {
    const log = await logOf(3);
    expect(await anchorHead(log.pool, 'test')).toEqual({ chainSeq: '3', hash: (await event(log, 3)).hash });
    await addAnchor(log, 1, (await event(log, 1)).hash);
    await addAnchor(log, 2, (await event(log, 2)).hash);
    expect(await verify(log, 2)).toEqual({ ok: true, events: 3, anchors: 3, head: { chainSeq: '3', hash: (await event(log, 3)).hash } });
    // Anchoring again at the same head records nothing new and returns the same anchor.
    expect(await anchorHead(log.pool, 'again')).toEqual({ chainSeq: '3', hash: (await event(log, 3)).hash });
    expect((await log.owner.query('SELECT count(*)::int AS n FROM audit_anchors')).rows[0].n).toBe(3);
  });

  it('is empty without a head, and anchorHead has nothing to anchor', async () => {
    const log = await logOf(0);
    expect(await anchorHead(log.pool, 'test')).toBeUndefined();
    expect(await verify(log)).toEqual({ ok: true, events: 0, anchors: 0, head: undefined });
  });

  it('leaves the connection as it found it, so the same client can verify again', async () => {
    const log = await logOf(2);
    const client = await log.pool.connect();
    try {
      await log.owner.query(`UPDATE audit_events SET message = 'forged' WHERE chain_seq = 2`);
      expect(await verifyAuditChain(client)).toMatchObject({ ok: false, finding: { kind: 'tampered' } });
      expect(await verifyAuditChain(client)).toMatchObject({ ok: false, finding: { kind: 'tampered' } });
      expect((await client.query('SELECT pg_current_xact_id_if_assigned() AS x, now() = statement_timestamp() AS fresh')).rows[0]).toEqual({ x: null, fresh: true });
    } finally {
      client.release();
    }
  });
});

describe('a rewritten log', () => {
  it('names an altered event, with its case', async () => {
    const log = await logOf(4);
    await log.owner.query(`UPDATE audit_events SET case_id = 'DSAR-2026-999999' WHERE chain_seq = 3`);
    const altered = await event(log, 3);
    expect(described(altered)).toContain('case DSAR-2026-999999');
    expect(await verify(log)).toEqual({ ok: false, finding: {
      kind: 'tampered', chainSeq: '3', message: `${described(altered)} was altered: its content no longer matches its hash.` } });
  });

  it('names one deleted event, and deleted first events, as missing', async () => {
    const log = await logOf(6);
    await log.owner.query('DELETE FROM audit_events WHERE chain_seq = 2');
    expect(await verify(log)).toEqual({ ok: false, finding: { kind: 'missing', chainSeq: '2',
      message: `missing event: chain_seq 2 is not in the log (deleted); the next event present is ${described(await event(log, 3))}.` } });
    await log.owner.query('DELETE FROM audit_events WHERE chain_seq = 1');
    expect(await verify(log)).toEqual({ ok: false, finding: { kind: 'missing', chainSeq: '1',
      message: `missing event: chain_seq 1–2 is not in the log (deleted); the next event present is ${described(await event(log, 3))}.` } });
  });

  it('names a run of deleted events after intact ones by its range', async () => {
    const log = await logOf(6);
    await log.owner.query('DELETE FROM audit_events WHERE chain_seq IN (3, 4, 5)');
    expect(await verify(log)).toEqual({ ok: false, finding: { kind: 'missing', chainSeq: '3',
      message: `missing event: chain_seq 3–5 is not in the log (deleted); the next event present is ${described(await event(log, 6))}.` } });
  });

  it('names an event whose prev_hash is not the previous hash as out of order, the first one too', async () => {
    const log = await logOf(3);
    await log.owner.query(`UPDATE audit_events SET prev_hash = $1 WHERE chain_seq = 2`, [(await event(log, 2)).hash]);
    const second = await event(log, 2);
    expect(await verify(log)).toEqual({ ok: false, finding: { kind: 'reordered', chainSeq: '2',
      message: `${described(second)} is out of order: its prev_hash is not the hash of the event before it (rows reordered or replaced).` } });
    const other = await logOf(2);
    await other.owner.query(`UPDATE audit_events SET prev_hash = $1 WHERE chain_seq = 1`, ['1'.repeat(64)]);
    expect(await verify(other)).toMatchObject({ ok: false, finding: { kind: 'reordered', chainSeq: '1' } });
  });

  it('names an anchor the chain no longer matches', async () => {
    const log = await logOf(4);
    const at = await addAnchor(log, 3, 'f'.repeat(64), 'ticket 42');
    expect(await verify(log, 2)).toEqual({ ok: false, finding: { kind: 'anchor', chainSeq: '3',
      message: `${described(await event(log, 3))} does not match the anchor recorded for it at ${at} (ticket 42): the chain was rewritten up to here.` } });
  });

  it('names an anchor whose event is not in the log', async () => {
    const log = await logOf(2);
    const at = await addAnchor(log, 0, 'f'.repeat(64), 'ticket 7');
    expect(await verify(log)).toEqual({ ok: false, finding: { kind: 'anchor', chainSeq: '0',
      message: `the anchor recorded at ${at} (ticket 7) names chain_seq 0, which is not in the log.` } });
  });

  it('names a tail cut off after an anchor, and a log emptied after one', async () => {
    const log = await logOf(5);
    await addAnchor(log, 2, (await event(log, 2)).hash);
    const at = await addAnchor(log, 5, (await event(log, 5)).hash, 'every 100 events');
    await log.owner.query('DELETE FROM audit_events WHERE chain_seq >= 4');
    expect(await verify(log, 3)).toEqual({ ok: false, finding: { kind: 'truncated', chainSeq: '5',
      message: `the log ends at chain_seq 3, but an anchor recorded at ${at} (every 100 events) names chain_seq 5: events from chain_seq 4 on were removed.` } });
    await log.owner.query('DELETE FROM audit_events');
    expect(await verify(log)).toEqual({ ok: false, finding: { kind: 'truncated', chainSeq: '2',
      message: expect.stringMatching(/^the log is empty, but an anchor recorded at .* names chain_seq 2: events from chain_seq 1 on were removed\.$/) } });
  });
});
