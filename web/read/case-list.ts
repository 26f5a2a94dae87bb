import type pg from 'pg';
import { workingDaysLeft } from '../../domain/case/terms';
import type { LegalTime } from '../../platform/legal-time-config';

/** The console's list filters: the API's (GET /api/v1/cases) plus text search, sorting by due date and page numbers. */
export interface ListFilters {
  type?: string; step?: string; status?: string; overdue?: 'true' | 'false'; assignee?: string; dueBefore?: string;
  /** Part of the case number or of the subject's name, any case. */
  q?: string;
  sort: 'due' | '-due' | 'new';
  page: number;
}

export const PAGE_SIZE = 25;
const EXACT_COUNT_LIMIT = 1_000;
/** Marked "due soon" at this many working days left or fewer. */
export const DUE_SOON_WD = 2;

export interface ListRow {
  id: string; type: string; status: string; step: string; subjectName: string; assignee: string | null;
  nextDue: string | null; daysLeft: number | null; overdue: boolean; dueSoon: boolean;
}

const ORDER = { due: 'due ASC, id ASC', '-due': 'due DESC, id DESC', new: 'created_at DESC, id DESC' } as const;
const likePattern = (text: string) => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/**
 * The filters as SQL. "Overdue" is the case status: the workflow sets it the moment any term ends unmet
 * (workflows/case-workflow.ts) and a closed case has no running or overdue term, so it is the API's "a term ended
 * unmet" — read from one index instead of an OR across cases and case_terms, which would read every case.
 */
function where(f: ListFilters): { sql: string; params: unknown[] } {
  const params: unknown[] = [];
  const w: string[] = [];
  if (f.type) w.push(`type = $${params.push(f.type)}`);
  if (f.step) w.push(`step = $${params.push(f.step)}`);
  if (f.status) w.push(`status = $${params.push(f.status)}`);
  if (f.overdue) w.push(f.overdue === 'true' ? `status = 'overdue'` : `status <> 'overdue'`);
  if (f.assignee) w.push(`assignee_name = $${params.push(f.assignee)}`);
  if (f.dueBefore) w.push(`EXISTS (SELECT 1 FROM case_terms t WHERE t.case_id = cases.id AND t.status IN ('running', 'overdue') AND t.due < $${params.push(f.dueBefore)}::date)`);
  if (f.q) {
    const p = params.push(likePattern(f.q));
    // The expression of the trigram index (migration 16): one index serves both.
    w.push(`(id || ' ' || subject_name) ILIKE $${p}`);
  }
  return { sql: w.length ? `WHERE ${w.join(' AND ')}` : '', params };
}

/** One page of cases, with the nearest running term's due date and working days left, and the rows to mark. */
export async function readCaseList(db: pg.Pool, f: ListFilters, ctx: { legalTime: LegalTime; now: number }) {
  const { sql, params } = where(f);
  const [page, total] = await Promise.all([
    db.query<{ id: string; type: string; status: string; step: string; subject_name: string; assignee_name: string | null; next_due: string | null; has_overdue: boolean }>(
      `SELECT id, type, cases.status, step, subject_name, assignee_name, terms.next_due, cases.status = 'overdue' OR terms.any_overdue AS has_overdue
         FROM (SELECT * FROM cases ${sql} ORDER BY ${ORDER[f.sort]} LIMIT ${PAGE_SIZE + 1} OFFSET ${(f.page - 1) * PAGE_SIZE}) AS cases
         LEFT JOIN LATERAL (SELECT to_char(min(due) FILTER (WHERE status IN ('running', 'overdue')), 'YYYY-MM-DD') AS next_due,
                                   coalesce(bool_or(status = 'overdue'), false) AS any_overdue
                              FROM case_terms t WHERE t.case_id = cases.id) AS terms ON true
        ORDER BY ${ORDER[f.sort]}`,
      params),
    countCases(db, sql, params),
  ]);
  const rows: ListRow[] = page.rows.slice(0, PAGE_SIZE).map((r) => {
    const daysLeft = r.next_due ? workingDaysLeft(ctx.legalTime.calendar, ctx.legalTime.timeZone, ctx.now, r.next_due) : null;
    const overdue = r.has_overdue || (daysLeft !== null && daysLeft < 0);
    return {
      id: r.id, type: r.type, status: r.status, step: r.step, subjectName: r.subject_name, assignee: r.assignee_name,
      nextDue: r.next_due, daysLeft, overdue, dueSoon: !overdue && daysLeft !== null && daysLeft <= DUE_SOON_WD,
    };
  });
  return { rows, hasNext: page.rows.length > PAGE_SIZE, ...total };
}

/** As the API counts: exact up to 1,000 matching cases, the planner's estimate beyond (so the count stays fast). */
async function countCases(db: pg.Pool, sql: string, params: unknown[]): Promise<{ total: number; totalExact: boolean }> {
  const { rows } = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM (SELECT 1 FROM cases ${sql} LIMIT ${EXACT_COUNT_LIMIT + 1}) AS capped`, params);
  const counted = rows[0]?.n ?? 0;
  if (counted <= EXACT_COUNT_LIMIT) return { total: counted, totalExact: true };
  const plan = await db.query<{ 'QUERY PLAN': [{ Plan: { 'Plan Rows': number } }] }>(`EXPLAIN (FORMAT JSON) SELECT 1 FROM cases ${sql}`, params);
  return { total: Math.max(counted, Math.round(plan.rows[0]?.['QUERY PLAN'][0].Plan['Plan Rows'] ?? 0)), totalExact: false };
}
