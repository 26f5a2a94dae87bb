import type pg from 'pg';

/** The dashboard's reads, from the projection only (never Temporal): each query walks an index at 100,000 cases. */
export interface DashboardData {
  byTypeAndStep: Array<{ type: string; step: string; n: number }>;
  due: { today: number; week: number; overdue: number };
  triage: { total: number; oldest: Array<{ id: string; subjectName: string; receivedAt: string; ownDomainUnverified?: boolean }> };
  /** Systems whose owner must confirm the destruction by hand (a manual system, or a connector that failed), oldest due first. */
  destruction: { total: number; tasks: Array<{ id: string; systemId: string; ownerName: string | null; failed: boolean; dueAt: string | null }> };
  weeks: Array<{ week: string; opened: number; closed: number }>;
}

const OPEN = `status IN ('received', 'overdue')`;
const WEEKS = 8;
/** As the owners' queue says (api/features/destruction/task-store.ts `waitingForOwner`); within the partial index on open tasks. */
const WAITING_FOR_OWNER = `((kind = 'manual' AND status = 'pending') OR status = 'failed')`;

/** `today` and `weekEnd` (the Sunday of this week) are dates in the operator's time zone. */
export async function readDashboard(db: pg.Pool, at: { today: string; weekEnd: string; timeZone: string }): Promise<DashboardData> {
  const [byType, due, triage, triageTotal, destruction, destructionTotal, weeks] = await Promise.all([
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
    db.query<{ id: string; subject_name: string; received_at: Date; own_domain_unverified: boolean }>(
      // Flagged: the letter claims our own domain and our mail server did not authenticate it (intake/sender-auth.ts).
      `SELECT id, subject_name, received_at, EXISTS (SELECT 1 FROM mail_messages m WHERE m.case_id = cases.id
         AND (m.parsed->'senderAuth'->>'ownDomainUnverified')::boolean) AS own_domain_unverified
       FROM cases WHERE type = 'unclassified' AND ${OPEN} ORDER BY created_at LIMIT 10`),
    db.query<{ n: number }>(`SELECT count(*)::int AS n FROM cases WHERE type = 'unclassified' AND ${OPEN}`),
    db.query<{ case_id: string; system_id: string; owner_name: string | null; status: string; due_at: Date | null }>(
      `SELECT case_id, system_id, owner_name, status, due_at FROM destruction_tasks WHERE ${WAITING_FOR_OWNER} ORDER BY due_at NULLS LAST, case_id LIMIT 10`),
    db.query<{ n: number }>(`SELECT count(*)::int AS n FROM destruction_tasks WHERE ${WAITING_FOR_OWNER}`),
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
    triage: { total: triageTotal.rows[0]?.n ?? 0, oldest: triage.rows.map((r) => ({ id: r.id, subjectName: r.subject_name, receivedAt: r.received_at.toISOString(), ownDomainUnverified: r.own_domain_unverified })) },
    destruction: {
      total: destructionTotal.rows[0]?.n ?? 0,
      tasks: destruction.rows.map((r) => ({ id: r.case_id, systemId: r.system_id, ownerName: r.owner_name, failed: r.status === 'failed', dueAt: r.due_at?.toISOString() ?? null })),
    },
    weeks: weeks.rows,
  };
}
