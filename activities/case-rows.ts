import type pg from 'pg';
import type { CaseOpened } from '../workflows/case-contract';

/**
 * Inserts a case row and its `case.opened` audit event; both are no-ops when already present.
 * Shared by intake (API transaction) and the workflow's first activity.
 */
export async function insertCaseRow(client: pg.PoolClient | pg.Client, c: CaseOpened): Promise<void> {
  const d = c.deadline;
  await client.query(
    `INSERT INTO cases (id, type, status, channel, subject_name, subject_email, received_at, rule_id,
       calendar_version, due, due_at, extended_due, provisional, deadline, idempotency_key, opened_by)
     VALUES ($1, $2, 'received', $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)
     ON CONFLICT (id) DO NOTHING`,
    [c.caseId, c.type, c.channel, c.subject.name, c.subject.email ?? null, c.receivedAt, d.rule,
      d.calendarVersion, d.due, d.dueAt, d.extendedDue ?? null, d.provisional, JSON.stringify(d),
      c.idempotencyKey ?? null, c.openedBy],
  );
  await client.query(
    `INSERT INTO audit_events (case_id, actor, action, to_status, message, data, dedupe_key, acted_at)
     VALUES ($1, $2, 'case.opened', 'received', $3, $4, $5, $6) ON CONFLICT (dedupe_key) DO NOTHING`,
    [c.caseId, c.openedBy, `${c.type} request received by ${c.channel}; due ${d.due} (${d.rule})`,
      JSON.stringify({ rule: d.rule, due: d.due, dueAt: d.dueAt, calendarVersion: d.calendarVersion, receivedAt: c.receivedAt }),
      `${c.caseId}:opened`, c.actedAt ?? null],
  );
}
