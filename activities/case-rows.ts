import type pg from 'pg';
import { FIRST_STEP } from '../domain/case/legal-paths';
import type { CaseOpened, CaseTerm } from '../workflows/case-contract';

/**
 * Inserts a case row, its opening terms and its `case.opened` audit event, in one statement (one round trip,
 * atomic); each is a no-op when already present. Shared by intake (API) and the workflow's first activity.
 */
export async function insertCaseRow(db: pg.Pool | pg.PoolClient | pg.Client, c: CaseOpened): Promise<void> {
  const d = c.deadline;
  const terms = (c.terms ?? []).map((t) => ({
    key: t.key, rule_id: t.rule, status: t.status, due: t.deadline.due, due_at: t.deadline.dueAt, extended: !!t.extended,
    calendar_version: t.deadline.calendarVersion, deadline: t.deadline, started_at: t.startedAt,
  }));
  await db.query(
    `WITH opened AS (
       INSERT INTO cases (id, type, status, step, channel, subject_name, subject_email, received_at, rule_id,
         calendar_version, due, due_at, extended_due, provisional, deadline, idempotency_key, opened_by, repeat_of, repeat_allowed_from, language)
       VALUES ($1, $2, 'received', $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $22, $23, $24)
       ON CONFLICT (id) DO NOTHING RETURNING id
     ), terms AS (
       INSERT INTO case_terms (case_id, key, rule_id, status, due, due_at, extended, calendar_version, deadline, started_at)
       SELECT opened.id, t.key, t.rule_id, t.status, t.due::date, t.due_at::timestamptz, t.extended, t.calendar_version, t.deadline, t.started_at::timestamptz
       FROM opened, jsonb_to_recordset($17::jsonb) AS t(key text, rule_id text, status text, due text, due_at text, extended boolean,
         calendar_version text, deadline jsonb, started_at text)
       ON CONFLICT (case_id, key) DO NOTHING
     )
     INSERT INTO audit_events (case_id, actor, action, to_status, message, data, dedupe_key, acted_at)
     VALUES ($1, $16, 'case.opened', 'received', $18, $19, $20, $21) ON CONFLICT (dedupe_key) DO NOTHING`,
    [c.caseId, c.type, FIRST_STEP[c.type], c.channel, c.subject.name, c.subject.email ?? null, c.receivedAt, d.rule,
      d.calendarVersion, d.due, d.dueAt, d.extendedDue ?? null, d.provisional, JSON.stringify(d),
      c.idempotencyKey ?? null, c.openedBy, JSON.stringify(terms),
      `${c.type} request received by ${c.channel}; due ${d.due} (${d.rule})`,
      JSON.stringify({ rule: d.rule, due: d.due, dueAt: d.dueAt, calendarVersion: d.calendarVersion, receivedAt: c.receivedAt, step: FIRST_STEP[c.type], ...(c.repeatOf ? { repeatOf: c.repeatOf } : {}) }),
      `${c.caseId}:opened`, c.actedAt ?? null, c.repeatOf?.caseId ?? null, c.repeatOf?.allowedFrom ?? null, c.language ?? null],
  );
}

/** Writes terms as they are now (started, extended, met, cancelled); the computation is kept whole for the auditor. */
export async function upsertTerms(client: pg.PoolClient | pg.Client, caseId: string, terms: CaseTerm[]): Promise<void> {
  for (const t of terms) {
    const d = t.deadline;
    await client.query(
      `INSERT INTO case_terms (case_id, key, rule_id, status, due, due_at, extended, calendar_version, deadline, started_at, met_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
       ON CONFLICT (case_id, key) DO UPDATE SET rule_id = EXCLUDED.rule_id, status = EXCLUDED.status, due = EXCLUDED.due,
         due_at = EXCLUDED.due_at, extended = EXCLUDED.extended, calendar_version = EXCLUDED.calendar_version,
         deadline = EXCLUDED.deadline, met_at = EXCLUDED.met_at`,
      [caseId, t.key, t.rule, t.status, t.extended ? d.extendedDue ?? d.due : d.due, t.extended ? d.extendedDueAt ?? d.dueAt : d.dueAt,
        !!t.extended, d.calendarVersion, JSON.stringify(d), t.startedAt, t.metAt ?? null],
    );
  }
}
