import type pg from 'pg';

/** The dashboard's reads, from the projection only (never Temporal): each query walks an index at 100,000 cases. */
export interface DashboardData {
  byTypeAndStep: Array<{ type: string; step: string; n: number }>;
  due: { today: number; week: number; overdue: number };
  triage: { total: number; oldest: Array<{ id: string; subjectName: string; receivedAt: string }> };
  destruction: Array<{ id: string; type: string; step: string; subjectName: string; due: string }>;
  weeks: Array<{ week: string; opened: number; closed: number }>;
}

const OPEN = `status IN ('received', 'overdue')`;
const WEEKS = 8;

/** `today` and `weekEnd` (the Sunday of this week) are dates in the operator's time zone. */
export async function readDashboard(db: pg.Pool, at: { today: string; weekEnd: string; timeZone: string }): Promise<DashboardData> {
  const [byType, due, triage, triageTotal, destruction, weeks] = await Promise.all([
    db.query<{ type: string; step: string; n: number }>(`SELECT type, step, count(*)::int AS n FROM cases WHERE ${OPEN} GROUP BY type, step ORDER BY type, step`),
    db.query<{ today: number; week: number; overdue: number }>(
      // A case counts once under each heading, by its running or overdue terms (one pass, grouped by case).
      `SELECT count(*) FILTER (WHERE today)::int AS today, count(*) FILTER (WHERE week)::int AS week, count(*) FILTER (WHERE overdue)::int AS overdue
         FROM (SELECT bool_or(status = 'running' AND due = $1::date) AS today,
                      bool_or(status = 'running' AND due > $1::date AND due <= $2::date) AS week,
                      bool_or(status = 'overdue') AS overdue
                 FROM case_terms
                -- Overdue terms ended before now, so all three fit under the partial index on running and overdue terms' due_at.
                WHERE status IN ('running', 'overdue') AND due_at < (($2::date + 1)::timestamp AT TIME ZONE $3)
                GROUP BY case_id) AS per_case`,
      [at.today, at.weekEnd, at.timeZone]),
    db.query<{ id: string; subject_name: string; received_at: Date }>(
      `SELECT id, subject_name, received_at FROM cases WHERE type = 'unclassified' AND ${OPEN} ORDER BY created_at LIMIT 10`),
    db.query<{ n: number }>(`SELECT count(*)::int AS n FROM cases WHERE type = 'unclassified' AND ${OPEN}`),
    db.query<{ id: string; type: string; step: string; subject_name: string; due: string }>(
      `SELECT id, type, step, subject_name, to_char(due, 'YYYY-MM-DD') AS due FROM cases
        WHERE step IN ('destroying', 'destroying_deferred') AND ${OPEN} ORDER BY cases.due, id LIMIT 10`),
    db.query<{ week: string; opened: number; closed: number }>(
      `WITH weeks AS (
         SELECT w, w AT TIME ZONE $1 AS starts, (w + interval '1 week') AT TIME ZONE $1 AS ends
           FROM generate_series(date_trunc('week', now() AT TIME ZONE $1) - interval '${WEEKS - 1} weeks', date_trunc('week', now() AT TIME ZONE $1), interval '1 week') AS w)
       SELECT to_char(w, 'YYYY-MM-DD') AS week,
              (SELECT count(*) FROM cases WHERE created_at >= starts AND created_at < ends)::int AS opened,
              (SELECT count(*) FROM cases WHERE closed_at >= starts AND closed_at < ends)::int AS closed
         FROM weeks ORDER BY w`,
      [at.timeZone]),
  ]);
  return {
    byTypeAndStep: byType.rows,
    due: due.rows[0] ?? { today: 0, week: 0, overdue: 0 },
    triage: { total: triageTotal.rows[0]?.n ?? 0, oldest: triage.rows.map((r) => ({ id: r.id, subjectName: r.subject_name, receivedAt: r.received_at.toISOString() })) },
    destruction: destruction.rows.map((r) => ({ id: r.id, type: r.type, step: r.step, subjectName: r.subject_name, due: r.due })),
    weeks: weeks.rows,
  };
}
