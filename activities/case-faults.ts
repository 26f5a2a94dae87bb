import type pg from 'pg';
import type { CaseFault } from '../workflows/case-contract';

/**
 * Records a permanent fault of a case workflow (idempotent per case and kind). When the case row exists,
 * its audit trail gets a `case.fault` event too, so the auditor sees why the case stopped.
 */
export const recordFault = (pool: pg.Pool) => async (f: CaseFault): Promise<void> => {
  const message = f.message.slice(0, 2000);
  await pool.query(
    `INSERT INTO case_faults (case_id, kind, message, dedupe_key) VALUES ($1, $2, $3, $4) ON CONFLICT (dedupe_key) DO NOTHING`,
    [f.caseId, f.kind, message, `${f.caseId}:fault:${f.kind}`],
  );
  await pool.query(
    `INSERT INTO audit_events (case_id, actor, action, message, data, dedupe_key, acted_at)
     SELECT $1, 'engine', 'case.fault', $2, $3, $4, now() WHERE EXISTS (SELECT 1 FROM cases WHERE id = $1)
     ON CONFLICT (dedupe_key) DO NOTHING`,
    [f.caseId, message, JSON.stringify({ kind: f.kind }), `${f.caseId}:fault:${f.kind}`],
  );
};
