import type pg from 'pg';
import type { CaseStatus } from '../../../domain/case/case-status';
import { allowedActions, type TermStatus } from '../../../domain/case/decide';
import type { Step, TermKey } from '../../../domain/case/legal-paths';
import type { CaseType, Channel } from '../../../domain/case/request-types';
import { workingDaysLeft } from '../../../domain/case/terms';
import type { DeadlineResult, RuleId } from '../../../domain/legal-time';
import type { LegalTime } from '../../../platform/legal-time-config';
import { AppError } from '../../errors';
import { decodeCursor, encodeCursor } from './case-cursor';
import type { CaseListQuery } from './schemas';

/** Reads from the PostgreSQL projection; never from Temporal. */
const COLUMNS = `id, type, status, step, channel, subject_name, subject_email, received_at, to_char(due, 'YYYY-MM-DD') AS due,
  due_at, to_char(extended_due, 'YYYY-MM-DD') AS extended_due, rule_id, calendar_version, provisional, deadline, opened_by,
  assignee_name, assignee_email, language, created_at, updated_at, closed_at, repeat_of, to_char(repeat_allowed_from, 'YYYY-MM-DD') AS repeat_allowed_from,
  (SELECT coalesce(json_agg(json_build_object('key', key, 'rule', rule_id, 'status', status, 'due', to_char(due, 'YYYY-MM-DD'),
     'dueAt', deadline->>(CASE WHEN extended THEN 'extendedDueAt' ELSE 'dueAt' END), 'extended', extended,
     'basis', deadline->>'basis', 'calendarVersion', calendar_version) ORDER BY started_at, key), '[]')
   FROM case_terms WHERE case_id = cases.id) AS terms`;

type Row = Record<string, unknown> & { status: CaseStatus };
type TermRow = { key: TermKey; rule: RuleId; status: TermStatus; due: string; dueAt: string; extended: boolean; basis: string; calendarVersion: string };
const iso = (v: unknown) => (v instanceof Date ? v.toISOString() : null);

/** What reading needs besides the row: the calendar (working days left) and the instant of reading. */
export interface ReadContext { legalTime: LegalTime; now: number }

function toCase(r: Row, ctx: ReadContext) {
  const type = r.type as CaseType;
  const step = r.step as Step;
  const terms = (r.terms as TermRow[]).map((t) => ({
    ...t,
    workingDaysLeft: t.status === 'running' || t.status === 'overdue' ? workingDaysLeft(ctx.legalTime.calendar, ctx.legalTime.timeZone, ctx.now, t.due) : null,
  }));
  return {
    id: r.id as string, type, status: r.status, step, channel: r.channel as Channel,
    subject: { name: r.subject_name as string, email: (r.subject_email as string | null) ?? null },
    receivedAt: iso(r.received_at)!, due: r.due as string, dueAt: (r.deadline as { dueAt: string }).dueAt,
    extendedDue: (r.extended_due as string | null) ?? null, rule: r.rule_id as string,
    calendarVersion: r.calendar_version as string, provisional: r.provisional as boolean, deadline: r.deadline as DeadlineResult,
    language: (r.language as 'ru' | 'en' | null) ?? null,
    assignee: r.assignee_name ? { name: r.assignee_name as string, email: (r.assignee_email as string | null) ?? null } : null,
    terms,
    repeatOf: r.repeat_of ? { caseId: r.repeat_of as string, allowedFrom: r.repeat_allowed_from as string } : null,
    allowedActions: allowedActions({ type, step, terms }, ctx.now), openedBy: r.opened_by as string,
    createdAt: iso(r.created_at)!, updatedAt: iso(r.updated_at)!, closedAt: iso(r.closed_at),
  };
}
export type CaseView = ReturnType<typeof toCase>;

/** One case with its unresolved faults (why its workflow stopped, if it did), in one query. */
export async function getCase(db: pg.Pool | pg.PoolClient, id: string, ctx: ReadContext) {
  const { rows } = await db.query<Row>(
    `SELECT ${COLUMNS}, (SELECT coalesce(json_agg(json_build_object('kind', kind, 'message', message,
       'createdAt', to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')) ORDER BY id), '[]')
     FROM case_faults WHERE case_id = cases.id AND resolved_at IS NULL) AS faults
     FROM cases WHERE id = $1`,
    [id],
  );
  const row = rows[0];
  if (!row) return undefined;
  return { ...toCase(row, ctx), faults: row.faults as Array<{ kind: string; message: string; createdAt: string }> };
}
export type CaseDetail = NonNullable<Awaited<ReturnType<typeof getCase>>>;

/** The case, or a 404 that says where to look. */
export async function requireCase(db: pg.Pool, id: string, ctx: ReadContext): Promise<CaseDetail> {
  const found = await getCase(db, id, ctx);
  if (!found) throw new AppError(404, 'case_not_found', `No case ${id}; list cases with GET /api/v1/cases.`);
  return found;
}


/**
 * Counting every matching row gets slow at hundreds of thousands of cases, so the count stops at
 * EXACT_COUNT_LIMIT + 1 rows (an index-only walk of a few thousand entries). Below that `total` is
 * exact; above it (where an officer reads "about N"), the planner's estimate (never less than what was counted) with totalExact: false.
 */
const EXACT_COUNT_LIMIT = 1_000;

/** Keyset pagination, newest first: the cursor is the last row's (created_at, id), so pages neither repeat nor skip cases that arrive meanwhile. */
export async function listCases(db: pg.Pool, q: CaseListQuery, ctx: ReadContext) {
  const limit = Number(q.limit);
  const after = q.cursor === undefined ? undefined : decodeCursor(q.cursor);
  const params: unknown[] = [];
  const filters: string[] = [];
  if (q.status) filters.push(`status = $${params.push(q.status)}`);
  if (q.type) filters.push(`type = $${params.push(q.type)}`);
  if (q.step) filters.push(`step = $${params.push(q.step)}`);
  if (q.assignee) filters.push(`assignee_name = $${params.push(q.assignee)}`);
  // Answered from the terms the workflows recorded: the same terms /cases/:id shows.
  if (q.overdue) {
    filters.push(`${q.overdue === 'true' ? '' : 'NOT '}(status = 'overdue' OR EXISTS (SELECT 1 FROM case_terms t WHERE t.case_id = cases.id AND t.status = 'overdue'))`);
  }
  if (q.dueBefore) filters.push(`EXISTS (SELECT 1 FROM case_terms t WHERE t.case_id = cases.id AND t.status IN ('running', 'overdue') AND t.due < $${params.push(q.dueBefore)}::date)`);
  const matching = filters.length > 0 ? `WHERE ${filters.join(' AND ')}` : '';
  const filterParams = [...params];
  if (after) filters.push(`(created_at, id) < ($${params.push(after.at)}::timestamptz, $${params.push(after.id)})`);
  const where = filters.length > 0 ? `WHERE ${filters.join(' AND ')}` : '';
  const [page, total] = await Promise.all([
    db.query<Row & { cursor_at: string }>(
      `SELECT ${COLUMNS}, to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS cursor_at
       FROM cases ${where} ORDER BY created_at DESC, id DESC LIMIT $${params.length + 1}`,
      [...params, limit + 1],
    ),
    countCases(db, matching, filterParams),
  ]);
  const rows = page.rows.slice(0, limit);
  const last = rows.at(-1);
  const nextCursor = page.rows.length > limit && last ? encodeCursor({ at: last.cursor_at, id: last.id as string }) : null;
  return { items: rows.map((r) => toCase(r, ctx)), nextCursor, ...total, limit };
}

async function countCases(db: pg.Pool, where: string, params: unknown[]): Promise<{ total: number; totalExact: boolean }> {
  const { rows } = await db.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM (SELECT 1 FROM cases ${where} LIMIT ${EXACT_COUNT_LIMIT + 1}) AS capped`, params,
  );
  const counted = rows[0]?.n ?? 0;
  if (counted <= EXACT_COUNT_LIMIT) return { total: counted, totalExact: true };
  const plan = await db.query<{ 'QUERY PLAN': [{ Plan: { 'Plan Rows': number } }] }>(`EXPLAIN (FORMAT JSON) SELECT 1 FROM cases ${where}`, params);
  const estimate = Math.round(plan.rows[0]?.['QUERY PLAN'][0].Plan['Plan Rows'] ?? 0);
  return { total: Math.max(estimate, counted), totalExact: false };
}

export async function caseHistory(db: pg.Pool, id: string) {
  const { rows } = await db.query(
    `SELECT id, at, acted_at, actor, action, from_status, to_status, message, data FROM audit_events WHERE case_id = $1 ORDER BY id`,
    [id],
  );
  return rows.map((r) => ({
    id: Number(r.id), at: iso(r.at)!, actedAt: iso(r.acted_at), actor: r.actor as string, action: r.action as string,
    fromStatus: r.from_status as string | null, toStatus: r.to_status as string | null,
    message: r.message as string | null, data: r.data as Record<string, unknown>,
  }));
}
