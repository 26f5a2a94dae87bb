import { WorkflowUpdateFailedError, type WorkflowHandle } from '@temporalio/client';
import { decide } from '../../domain/case/decide';
import type { Finding, OfficerAction } from '../../domain/case/legal-paths';
import { extendTerm, planTerm, termFrom } from '../../domain/case/terms';
import { builtInCalendar } from '../../domain/legal-time';
import type { caseWorkflow } from '../../workflows';
import { caseActionUpdate, caseStateQuery, type ActionDetails, type CaseOpened, type CaseState, type CaseTerm } from '../../workflows/case-contract';
import { eventually } from './eventually';
import type { TimeSkipping } from './time-skipping';

/** The built-in calendar and zone; a test that supplies its own calendar reads `ts.ctx` instead. */
export const ctx = { calendar: builtInCalendar(), timeZone: 'Europe/Moscow' };
export type Details = ActionDetails & { finding?: Finding };

/**
 * An officer acting on a case on the time-skipping server as the API would: the table (decide.ts) names the
 * terms the action starts or extends, computed here on the production calendar, and the Update carries them.
 */
export function officer(ts: TimeSkipping, c: { input: CaseOpened; handle: WorkflowHandle<typeof caseWorkflow> }) {
  /** Every term the case has, with its deadline and reminders, as the API reads them from case_terms. */
  const terms: CaseTerm[] = [...(c.input.terms ?? [])];
  const state = () => c.handle.query(caseStateQuery);
  const update = (action: OfficerAction, details: Details | undefined, started: CaseTerm[], actedAt: string) =>
    c.handle.executeUpdate(caseActionUpdate, { args: [{ action, actor: 'officer A', details, terms: started, actedAt }] });
  return {
    terms, state, update,
    /** Takes an allowed action now (test-server time); returns the case state after it. */
    async act(action: OfficerAction, details?: Details): Promise<CaseState> {
      const now = await ts.env.currentTimeMs();
      const actedAt = new Date(now).toISOString();
      const s = await state();
      const d = decide({ type: c.input.type, step: s.step, terms: s.terms }, { action, finding: details?.finding }, now);
      const started = d.starts.map((t) => planTerm(t.key, t.rule, termFrom(t, { receivedAt: c.input.receivedAt, findingDate: details?.findingDate, terms: s.terms }), ts.ctx, actedAt));
      if (d.extends) started.push(extendTerm(terms.find((t) => t.key === d.extends)!, ts.ctx, actedAt));
      for (const t of started) {
        const i = terms.findIndex((x) => x.key === t.key);
        if (i >= 0) terms[i] = t;
        else terms.push(t);
      }
      return update(action, details, started, actedAt);
    },
  };
}

/** The `code` of the Update's refusal (the workflow validator's, from decide.ts); fails if the Update was accepted. */
export async function refusalCode(update: Promise<unknown>): Promise<string> {
  const err = await update.then(() => undefined, (e: unknown) => e);
  if (!(err instanceof WorkflowUpdateFailedError)) throw new Error(`expected the Update to be refused, got ${String(err)}`);
  const cause = err.cause as (Error & { details?: unknown[] }) | undefined;
  return (cause?.details?.[0] as { code?: string } | undefined)?.code ?? `no code: ${cause?.message}`;
}

/** The case's audit trail, letters and terms as PostgreSQL holds them. */
export function records(ts: TimeSkipping) {
  return {
    audit: async (caseId: string) => (await ts.pool.query(
      `SELECT action, data, acted_at FROM audit_events WHERE case_id = $1 ORDER BY id`, [caseId])).rows as Array<{ action: string; data: Record<string, unknown>; acted_at: Date }>,
    letters: async (caseId: string) => (await ts.pool.query(
      `SELECT kind, status, body_text FROM letters WHERE case_id = $1 ORDER BY id`, [caseId])).rows as Array<{ kind: string; status: string; body_text: string }>,
    terms: async (caseId: string) => (await ts.pool.query(
      `SELECT key, rule_id, status, to_char(due, 'YYYY-MM-DD') AS due, due_at, extended, calendar_version, deadline
         FROM case_terms WHERE case_id = $1 ORDER BY started_at, key`, [caseId])).rows as Array<{
      key: string; rule_id: string; status: string; due: string; due_at: Date; extended: boolean; calendar_version: string; deadline: Record<string, unknown>;
    }>,
  };
}

/** Skips test-server time to `instant` (it only moves forward; fails when the clock is already past it). */
export async function skipTo(ts: TimeSkipping, instant: string | number): Promise<void> {
  const ms = (typeof instant === 'number' ? instant : Date.parse(instant)) - (await ts.env.currentTimeMs());
  if (ms < 0) throw new Error(`the test server's clock is already past ${String(instant)}`);
  if (ms > 0) await ts.env.sleep(ms);
}

/**
 * The case's final state once its workflow has completed, without skipping time. `handle.result()` lets the
 * time-skipping server's clock run free while it waits, and with nothing left pending the clock jumps ten years
 * ahead (past the built-in calendar, whose last year is 2027), moving every later case of the file onto the
 * statutory base. The state is read with a Query instead: call this while the case's worker runs.
 */
export async function ended(handle: WorkflowHandle<typeof caseWorkflow>): Promise<CaseState> {
  const status = await eventually(async () => { const s = (await handle.describe()).status.name; return s !== 'RUNNING' && s; });
  if (status !== 'COMPLETED') throw new Error(`the case workflow ended ${status}`);
  return handle.query(caseStateQuery);
}

/**
 * How late a reminder fired against its planned instant, in ms. The workflow's clock is the time its task
 * started, so a timer that fired on the dot is seen a few milliseconds of processing later; never earlier.
 */
export const lateness = (e: { data: Record<string, unknown>; acted_at: Date }) => Date.parse(String(e.data.firedAt)) - e.acted_at.getTime();
/** A reminder counts as on time when it fired at its instant, up to this much processing later. */
export const ON_TIME_MS = 1000;
