import type pg from 'pg';
import { inTransaction } from '../platform/db';
import { FINAL_STATUSES, type CaseStatus } from '../domain/case/case-status';
import type { Letter, OfficerAction, Step } from '../domain/case/legal-paths';
import type { ScheduledReminder } from '../domain/case/reminders';
import type { RequestType } from '../domain/case/request-types';
import type { ActionDetails, CaseOpened, CaseTerm, Person } from '../workflows/case-contract';
import { insertCaseRow, upsertTerms } from './case-rows';
import { refusingPermanently } from './permanent-errors';

/**
 * Makes sure the case row, its terms and its `case.opened` event exist. Intake normally wrote them already;
 * this covers the crash window between starting the workflow and writing the row, and is a no-op otherwise
 * (idempotent on retries).
 */
export const recordCaseOpened = (pool: pg.Pool) => async (input: CaseOpened): Promise<void> => {
  await refusingPermanently(`recording case ${input.caseId}`, () => insertCaseRow(pool, input));
};

export interface StepRecord {
  caseId: string;
  /** The workflow's transition counter: with the case id it makes a retried write a no-op. */
  seq: number;
  action: OfficerAction;
  actor: string;
  from: CaseStatus;
  to: CaseStatus;
  step: Step;
  details: ActionDetails;
  /** Terms started, extended, met or cancelled by this action, as they are now. */
  terms: CaseTerm[];
  assignee?: Person;
  requestId?: string;
  /** When the person acted; the event's `at` is when this activity recorded it. */
  actedAt?: string;
  /** Letters the step sends (queued with the case by the letters subsystem). */
  letters: Letter[];
  /** `classify`: the request the case now is; its first opening term becomes the case's term of record. */
  classifiedAs?: { type: RequestType; opening: CaseTerm };
}

/** One officer action: its audit event, the case row's status, step and assignee, and the terms it touched. */
export const recordStep = (pool: pg.Pool) => async (t: StepRecord): Promise<void> => {
  await refusingPermanently(`recording "${t.action}" on case ${t.caseId}`, () => inTransaction(pool, async (client) => {
    const { note, ...details } = t.details;
    const changes = await stepChanges(client, t);
    const inserted = await client.query(
      `INSERT INTO audit_events (case_id, actor, action, from_status, to_status, message, data, dedupe_key, acted_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT (dedupe_key) DO NOTHING`,
      [t.caseId, t.actor, `case.${t.action}`, t.from, t.to, note ?? null,
        JSON.stringify({ step: t.step, ...details, ...(t.letters.length ? { letters: t.letters } : {}), ...(t.requestId ? { requestId: t.requestId } : {}), ...changes }),
        `${t.caseId}:transition:${t.seq}`, t.actedAt ?? null],
    );
    if (inserted.rowCount === 0) return;
    await client.query(
      `UPDATE cases SET status = $2, step = $3, assignee_name = $4, assignee_email = $5, updated_at = now(),
         closed_at = CASE WHEN $6::boolean THEN now() ELSE closed_at END
       WHERE id = $1`,
      [t.caseId, t.to, t.step, t.assignee?.name ?? null, t.assignee?.email ?? null, FINAL_STATUSES.includes(t.to)],
    );
    if (t.classifiedAs) {
      const d = t.classifiedAs.opening.deadline;
      await client.query(
        `UPDATE cases SET type = $2, rule_id = $3, calendar_version = $4, due = $5, due_at = $6, extended_due = $7, provisional = $8, deadline = $9
         WHERE id = $1`,
        [t.caseId, t.classifiedAs.type, d.rule, d.calendarVersion, d.due, d.dueAt, d.extendedDue ?? null, d.provisional, JSON.stringify(d)],
      );
    }
    await upsertTerms(client, t.caseId, t.terms);
  }));
};

/**
 * The case fields the step changes besides its status (which from_status/to_status carry), before and after,
 * as the audit log must show: `{ changes: { step: { before, after }, assignee: { before, after } } }`, only
 * those that change. The assignee is named as the case row names it (no e-mail: no more personal data than needed).
 * Not locked FOR UPDATE: the chain's lock is taken after (on the INSERT), and writers that update the row
 * after appending hold them the other way round; the workflow runs one step of a case at a time anyway.
 */
async function stepChanges(client: pg.PoolClient, t: StepRecord): Promise<{ changes?: Record<string, { before: string | null; after: string | null }> }> {
  const before = (await client.query(`SELECT step, assignee_name FROM cases WHERE id = $1`, [t.caseId])).rows[0] as
    { step: string | null; assignee_name: string | null } | undefined;
  if (!before) return {};
  const changes: Record<string, { before: string | null; after: string | null }> = {};
  if (before.step !== t.step) changes.step = { before: before.step, after: t.step };
  const assignee = t.assignee?.name ?? null;
  if (before.assignee_name !== assignee) changes.assignee = { before: before.assignee_name, after: assignee };
  return Object.keys(changes).length ? { changes } : {};
}

export interface ReminderRecord {
  caseId: string;
  termKey: string;
  rule: string;
  due: string;
  reminder: ScheduledReminder;
  step: Step;
  assignee?: Person;
  from: CaseStatus;
  to: CaseStatus;
  /** Workflow time when it fired (absent in histories recorded before it was kept): lateness is `firedAt - reminder.at`. */
  firedAt?: string;
}

/**
 * A reminder or escalation, at most once per case, term and reminder key (the dedupe key), however often the
 * activity is retried or the worker restarts. An escalation also marks the term and (first time) the case overdue.
 */
export const recordReminder = (pool: pg.Pool) => async (r: ReminderRecord): Promise<void> => {
  await refusingPermanently(`recording reminder ${r.reminder.key} on case ${r.caseId}`, () => inTransaction(pool, async (client) => {
    const escalation = r.reminder.kind === 'escalation';
    const message = escalation
      ? `Statutory term (${r.rule}) ended on ${r.due} without being met; the DPO and the head are told.`
      : `Reminder (${r.reminder.kind}) for the ${r.rule} term due ${r.due}: ${r.reminder.workingDaysLeft} working day(s) left.`;
    const inserted = await client.query(
      `INSERT INTO audit_events (case_id, actor, action, from_status, to_status, message, data, dedupe_key, acted_at)
       VALUES ($1, 'engine', $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (dedupe_key) DO NOTHING`,
      [r.caseId, escalation ? 'case.escalate' : 'case.reminder', escalation ? r.from : null, escalation ? r.to : null, message,
        JSON.stringify({ term: r.termKey, rule: r.rule, due: r.due, reminder: r.reminder.key, kind: r.reminder.kind, to: r.reminder.to, step: r.step, ...(r.firedAt ? { firedAt: r.firedAt } : {}) }),
        `${r.caseId}:reminder:${r.termKey}:${r.reminder.key}`, r.reminder.at],
    );
    if (inserted.rowCount === 0 || !escalation) return;
    await client.query(`UPDATE cases SET status = $2, updated_at = now() WHERE id = $1`, [r.caseId, r.to]);
    await client.query(`UPDATE case_terms SET status = 'overdue' WHERE case_id = $1 AND key = $2 AND status = 'running'`, [r.caseId, r.termKey]);
  }));
};
