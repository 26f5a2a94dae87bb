import { afterAll, beforeAll, expect, it } from 'vitest';
import pino from 'pino';
import { reserveOpening } from '../../opening/open';
import { claimDue } from '../../opening/opening-store';
import { reconcileOpenings } from '../../opening/reconciler';
import { createPool, inTransaction } from '../../platform/db';
import { loadLegalTime } from '../../platform/legal-time-config';
import { startEngine, type Engine } from '../helpers/engine';

/**
 * The reconciler runs in every API process (docs/adr/016): two of them over one database must start each waiting
 * opening once. A claim is a lease: what one process claimed, another neither claims at the same moment nor again
 * right after; each opening counts one attempt, and one workflow and one case row come of it.
 */
let engine: Engine;
beforeAll(async () => { engine = await startEngine({ worker: false }); });
afterAll(async () => { await engine?.stop(); });

const log = pino({ level: 'silent' });

/** Accepted openings as a Temporal outage leaves them, due for the reconciler now. */
async function waitingOpenings(n: number, name: string): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < n; i += 1) {
    const body = { type: 'access' as const, channel: 'web' as const, receivedAt: new Date().toISOString(), subject: { name: `${name} ${i}` } };
    const { caseId } = await inTransaction(engine.pool, (client) => reserveOpening(client, engine.config.timeZone, { body, openedBy: 'reconciler test', actedAt: new Date().toISOString() }));
    ids.push(caseId);
  }
  await engine.pool.query('UPDATE case_openings SET next_attempt_at = now() WHERE case_id = ANY($1)', [ids]);
  return ids.sort();
}

it('two reconcilers claim disjoint openings, and a claimed one is not claimed again while its lease runs', async () => {
  const ids = await waitingOpenings(12, 'Lease Subject');
  const other = createPool(engine.config.databaseUrl, 2); // a second API process's pool
  try {
    const [a, b] = await Promise.all([claimDue(engine.pool, 20), claimDue(other, 20)]);
    const claimed = [...a, ...b].map((o) => o.caseId).sort();
    expect(claimed).toEqual(ids); // every one claimed, none by both
    expect([...(await claimDue(engine.pool, 20)), ...(await claimDue(other, 20))]).toEqual([]); // leased
  } finally {
    await other.end();
  }
  const { rows } = await engine.pool.query('SELECT attempts FROM case_openings WHERE case_id = ANY($1)', [ids]);
  expect(rows.map((r) => r.attempts)).toEqual(ids.map(() => 1));
});

it('two reconcilers at once start every waiting opening once: one attempt, one workflow, one case row each', async () => {
  const ids = await waitingOpenings(8, 'Reconciled Subject');
  const deps = { pg: engine.pool, temporal: engine.app.temporal, config: engine.config, legalTime: loadLegalTime(engine.config) };
  const other = createPool(engine.config.databaseUrl, 4);
  try {
    const passes = await Promise.all([reconcileOpenings(deps, log), reconcileOpenings({ ...deps, pg: other }, log)]);
    expect(passes.reduce((n, p) => n + p.started, 0)).toBe(8);
    expect(passes.reduce((n, p) => n + p.waiting, 0)).toBe(0);
  } finally {
    await other.end();
  }
  const openings = await engine.pool.query(
    'SELECT attempts, started_at IS NOT NULL AS started, body IS NULL AS cleared FROM case_openings WHERE case_id = ANY($1)', [ids]);
  expect(openings.rows).toEqual(ids.map(() => ({ attempts: 1, started: true, cleared: true })));
  const cases = await engine.pool.query('SELECT id FROM cases WHERE id = ANY($1) ORDER BY id', [ids]);
  expect(cases.rows.map((r) => r.id)).toEqual(ids);
  for (const id of ids) expect((await engine.app.temporal.workflow.getHandle(id).describe()).status.name).toBe('RUNNING');
  // Nothing is left for a later pass.
  expect(await reconcileOpenings(deps, log)).toEqual({ started: 0, waiting: 0 });
});
