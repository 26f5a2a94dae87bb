import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { temporal } from '@temporalio/proto';
import { Worker } from '@temporalio/worker';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import type { Finding, OfficerAction, TermKey } from '../../domain/case/legal-paths';
import type { RequestType } from '../../domain/case/request-types';
import { extendTerm, planTerm, termFrom } from '../../domain/case/terms';
import { builtInCalendar } from '../../domain/legal-time';
import { dataConverter } from '../../platform/temporal';
import { caseActionUpdate, caseStateQuery, type ActionDetails, type CaseTerm } from '../../workflows/case-contract';
import { startTimeSkipping, type TimeSkipping } from '../helpers/time-skipping';

/**
 * Every request type walked through its normal path on the time-skipping server, and the recorded histories
 * replayed against the current workflow code. `RECORD_HISTORIES=1` writes the histories to
 * test/fixtures/histories (protobuf, payloads encrypted with the fixed test key there): commit them before a workflow change, so the
 * replay test shows the change keeps running cases replayable (or that it needs `patched()`).
 */
const FIXTURES = path.resolve(__dirname, '../fixtures/histories');
const FIXTURE_KEY = Buffer.from(readFileSync(path.join(FIXTURES, 'test-payload.key'), 'utf8').trim(), 'base64');
const ctx = { calendar: builtInCalendar(), timeZone: 'Europe/Moscow' };

let ts: TimeSkipping;
beforeAll(async () => { ts = await startTimeSkipping({ payloadKey: FIXTURE_KEY }); });
afterEach(async () => { await ts?.endOpenCases(); });
afterAll(async () => { await ts?.stop(); });

type Step = [OfficerAction, (ActionDetails & { finding?: Finding })?];
const destroyed: ActionDetails = {
  what: 'full name, e-mail', where: 'CRM', method: 'deleted from the database', destroyedAt: '2026-01-01T10:00:00Z',
  destroyedBy: [{ name: 'Irina Admin', position: 'system administrator' }],
};
const PATHS: Array<[RequestType, Step[], string]> = [
  ['access', [['request_information', { missing: ['identity_document'] }], ['record_information'], ['extend', { reason: 'archive' }], ['respond']], 'responded'],
  ['correction', [['block'], ['record_information', { finding: 'inaccurate' }], ['correct', { changes: 'address' }], ['unblock'], ['respond']], 'responded'],
  ['blocking', [['block'], ['record_information', { finding: 'unlawful' }], ['cease'], ['confirm_destruction', destroyed], ['respond']], 'responded'],
  ['withdrawal', [['cease'], ['record_legal_ground', { ground: 'a contract (art. 6 p.1.5)' }], ['respond']], 'responded'],
  ['deletion', [['confirm_destruction', destroyed], ['respond']], 'responded'],
  ['cease_processing', [['extend', { reason: 'several systems' }], ['cease'], ['respond']], 'responded'],
];

/** The terms an action starts or extends, computed as the API computes them. */
function termsFor(state: { terms: Array<{ key: TermKey; due: string }> }, current: CaseTerm[], receivedAt: string, action: OfficerAction, details: ActionDetails | undefined, now: string): CaseTerm[] {
  const starts: Partial<Record<string, Array<{ key: TermKey; rule: CaseTerm['rule'] }>>> = {
    'record_information:inaccurate': [{ key: 'rectify', rule: 'rectify_on_evidence' }],
    'record_information:unlawful': [{ key: 'cease', rule: 'cease_unlawful' }, { key: 'destroy', rule: 'destroy_unlawful' }],
  };
  if (action === 'extend') {
    return [extendTerm(current.find((t) => t.key === 'answer')!, ctx, now)];
  }
  return (starts[`${action}:${details?.finding ?? ''}`] ?? []).map((s) =>
    planTerm(s.key, s.rule, termFrom({ ...s, from: 'finding' }, { receivedAt, findingDate: now.slice(0, 10), terms: state.terms }), ctx, now));
}

describe('every request type on its legal path', () => {
  it.each(PATHS)('walks %s to the end and records each step', async (type, steps, outcome) => {
    const { input, handle, taskQueue } = await ts.startCase(type);
    const worker = await ts.worker(taskQueue);
    const terms = [...input.terms!];
    await worker.runUntil(async () => {
      await ts.acknowledged(input.caseId);
      for (const [i, [action, details]] of steps.entries()) {
        const state = await handle.query(caseStateQuery);
        const now = new Date(await ts.env.currentTimeMs()).toISOString();
        const started = termsFor(state, terms, input.receivedAt, action, details, now);
        terms.push(...started);
        const after = await handle.executeUpdate(caseActionUpdate, { args: [{ action, actor: 'officer A', details, terms: started, actedAt: now }] });
        expect(after.transitions).toBe(i + 1); // each action applied once, in order
        if (i === steps.length - 1) expect(after.step).toBe('done');
        else expect(after.step).not.toBe('done');
        await ts.env.sleep(3600_000); // an hour between actions, inside every term
      }
      expect((await handle.result()).status).toBe(outcome);
    });
    expect(await ts.statusOf(input.caseId)).toBe(outcome);
    // Reminders (and, should the hours cross 24:00, the blocking term's escalation) are tested elsewhere.
    const actions = (await ts.auditActions(input.caseId)).filter((a) => a !== 'case.reminder' && a !== 'case.escalate');
    expect(actions).toEqual(['case.opened', ...steps.map(([a]) => `case.${a}`)]);
    if (process.env.RECORD_HISTORIES === '1') {
      mkdirSync(FIXTURES, { recursive: true });
      const history = await handle.fetchHistory();
      writeFileSync(path.join(FIXTURES, `${type}.history`), temporal.api.history.v1.History.encode(history as temporal.api.history.v1.IHistory).finish());
    }
  });
});

describe('recorded histories', () => {
  const files = readdirSync(FIXTURES).filter((f) => f.endsWith('.history'));

  it('cover every request type', () => {
    expect(files.map((f) => f.replace('.history', '')).sort()).toEqual(PATHS.map(([t]) => t).sort());
  });

  it.each(files)('%s replays against the current workflow code', async (file) => {
    const history = temporal.api.history.v1.History.decode(readFileSync(path.join(FIXTURES, file)));
    await Worker.runReplayHistory({ workflowBundle: { code: inject('workflowBundleCode') }, dataConverter: dataConverter(FIXTURE_KEY) }, history, file);
  });
});
