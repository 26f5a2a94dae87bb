import { ApplicationFailure } from '@temporalio/common';
import type pg from 'pg';
import { ActInputError, type ActInput } from '../acts/act-data';
import { MissingDestructionEvent } from '../acts/log-extract';
import { issueAct } from '../acts/act-store';
import type { ActSigner } from '../acts/signer';
import { destructionReason } from '../domain/case/destruction';
import type { RuleId } from '../domain/legal-time/rules';
import type { OperatorProfile } from '../operator/profile-schema';
import type { SystemsRegistry } from '../operator/systems-schema';
import { localDate } from './letter-data';

export interface ActDeps {
  registry: SystemsRegistry;
  operator: OperatorProfile;
  signer?: ActSigner;
  timeZone: string;
}

/** What the case's `confirm_destruction` step states once the act is issued (the facts the letters and the audit need). */
export interface IssuedDestruction {
  actNumber?: string;
  what: string;
  where: string;
  method: string;
  destroyedAt: string;
  destroyedBy: Array<{ name: string; position: string }>;
}

interface TaskRow {
  system_id: string; status: string; method: string | null; sheets: number | null; destroyed_at: Date | null;
  destroyed_by_name: string | null; destroyed_by_position: string | null;
}

/**
 * Issues the case's Order 179 act when every system is done: the act's input is gathered from PostgreSQL (the case,
 * its terms, the task rows; issueAct reads the audit events for the p.5 extract) and the worker's registry and
 * operator profile. Idempotent: issueAct returns the act already issued for the case. Systems that held nothing
 * are not in the act; when none held anything, no act is issued.
 */
export const issueDestructionAct = (pool: pg.Pool, deps: ActDeps) => async (req: { caseId: string }): Promise<IssuedDestruction> => {
  const { rows: [c] } = await pool.query(
    `SELECT subject_name, subject_email, to_char(received_at AT TIME ZONE $2, 'YYYY-MM-DD') AS received FROM cases WHERE id = $1`, [req.caseId, deps.timeZone]);
  const { rows: terms } = await pool.query<{ rule_id: RuleId }>(`SELECT rule_id FROM case_terms WHERE case_id = $1 ORDER BY started_at, key`, [req.caseId]);
  const { rows: tasks } = await pool.query<TaskRow>(
    `SELECT system_id, status, method, sheets, destroyed_at, destroyed_by_name, destroyed_by_position FROM destruction_tasks
     WHERE case_id = $1 AND status = 'done' ORDER BY system_id`, [req.caseId]);
  const systems = deps.registry.systems.filter((s) => tasks.some((t) => t.system_id === s.id));
  const destroyedAt = tasks.reduce((latest, t) => (t.destroyed_at && t.destroyed_at > latest ? t.destroyed_at : latest), new Date(0));
  const persons = new Map(tasks.map((t) => [`${t.destroyed_by_name}\u0000${t.destroyed_by_position}`, { name: t.destroyed_by_name ?? '', position: t.destroyed_by_position ?? '' }]));
  const methodOf = (t: TaskRow) => {
    const registered = systems.find((s) => s.id === t.system_id)!.destructionMethod;
    return !t.method || t.method === registered.ru ? registered : { ru: t.method, en: t.method };
  };
  const facts: IssuedDestruction = {
    what: [...new Set(systems.flatMap((s) => s.categories))].join(', '),
    where: systems.map((s) => s.name.ru).join('; '),
    method: tasks.map((t) => `${t.system_id}: ${methodOf(t).ru}`).join('; '),
    destroyedAt: (tasks.length ? destroyedAt : new Date()).toISOString(),
    destroyedBy: [...persons.values()],
  };
  if (!c || tasks.length === 0) return facts;
  const input: ActInput = {
    caseId: req.caseId,
    subject: { name: c.subject_name, ...(c.subject_email ? { email: c.subject_email } : {}) },
    destroyedBy: facts.destroyedBy,
    systems: tasks.map((t) => ({ id: t.system_id, ...(t.sheets ? { sheets: t.sheets } : {}) })),
    methods: Object.fromEntries(tasks.map((t) => [t.system_id, methodOf(t)])),
    reason: { ...destructionReason(terms.map((t) => t.rule_id)), request: { number: req.caseId, date: c.received } },
    destroyedOn: localDate(facts.destroyedAt, deps.timeZone),
  };
  const act = await issueAct(pool, input, { operator: deps.operator, registry: deps.registry, signer: deps.signer, timeZone: deps.timeZone }).catch((err: unknown) => {
    // What the act cannot be built from is not fixed by retrying: the case stops visibly on it (ADR 006).
    if (err instanceof ActInputError || err instanceof MissingDestructionEvent) throw ApplicationFailure.nonRetryable(err.message, 'ActNotIssuable');
    throw err;
  });
  return { ...facts, actNumber: act.number };
};
