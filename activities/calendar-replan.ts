import type pg from 'pg';
import { inTransaction } from '../platform/db';
import { FINAL_STATUSES } from '../domain/case/case-status';
import { replanTerms, type DueMove, type ReplannedTerm } from '../domain/case/replan';
import type { CaseTerm } from '../domain/case/terms';
import { upsertTerms } from './case-rows';
import { refusingPermanently } from './permanent-errors';
import type { ReminderContext } from './reminder-plans';

/**
 * The case's terms counted again on the calendar this worker runs with (docs/adr/015): pure code behind an
 * activity, so the workflow receives the new dates and reminders as data and a replay reads them from history.
 */
export const replanCaseTerms = (ctx: ReminderContext) =>
  async (req: { terms: CaseTerm[]; now: string }): Promise<ReplannedTerm[]> => replanTerms(req.terms, ctx, req.now);

export interface DueMovesRecord {
  caseId: string;
  moves: DueMove[];
  /** The moved terms as they are now (new computation, same status). */
  terms: CaseTerm[];
  /** The key of the case's term of record: when it moved, the case row's due date follows. */
  ofRecord?: string;
  at: string;
}

/**
 * One `case.due_moved` audit event per moved term, naming both calendar versions, the rule and the old and new
 * due; the terms' rows and (for the term of record) the case row follow. Once per case, term and new version.
 */
export const recordDueMoves = (pool: pg.Pool) => async (r: DueMovesRecord): Promise<void> => {
  await refusingPermanently(`recording due moves on case ${r.caseId}`, () => inTransaction(pool, async (client) => {
    for (const m of r.moves) {
      await client.query(
        `INSERT INTO audit_events (case_id, actor, action, message, data, dedupe_key, acted_at)
         VALUES ($1, 'engine', 'case.due_moved', $2, $3, $4, $5) ON CONFLICT (dedupe_key) DO NOTHING`,
        [r.caseId, `The production calendar changed (${m.fromVersion} → ${m.toVersion}): the ${m.rule} term now ends on ${m.newDue}, not ${m.oldDue}.`,
          JSON.stringify(m), `${r.caseId}:due_moved:${m.term}:${m.toVersion}`, r.at],
      );
    }
    await upsertTerms(client, r.caseId, r.terms);
    const record = r.terms.find((t) => t.key === r.ofRecord);
    if (!record) return;
    const d = record.deadline;
    await client.query(
      `UPDATE cases SET calendar_version = $2, due = $3, due_at = $4, extended_due = $5, provisional = $6, deadline = $7, updated_at = now() WHERE id = $1`,
      [r.caseId, d.calendarVersion, d.due, d.dueAt, d.extendedDue ?? null, d.provisional, JSON.stringify(d)],
    );
  }));
};

/** Open cases (read from PostgreSQL, never by listing Temporal), by id, a page at a time. */
export const openCasesAfter = (pool: pg.Pool) => async (req: { after?: string; limit: number }): Promise<string[]> => {
  const { rows } = await pool.query(
    `SELECT id FROM cases WHERE status <> ALL($1::text[]) AND ($2::text IS NULL OR id > $2) ORDER BY id LIMIT $3`,
    [FINAL_STATUSES, req.after ?? null, req.limit],
  );
  return rows.map((row) => row.id as string);
};

/** The re-plan of `version` told every open case: the row says when and how many. */
export const recordCalendarReplanned = (pool: pg.Pool) => async (req: { version: string; cases: number }): Promise<void> => {
  await pool.query(
    `INSERT INTO calendar_versions (version, replanned_at, cases_signalled) VALUES ($1, now(), $2)
     ON CONFLICT (version) DO UPDATE SET replanned_at = now(), cases_signalled = EXCLUDED.cases_signalled`,
    [req.version, req.cases],
  );
};
