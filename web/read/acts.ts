import type pg from 'pg';
import { getAct, type StoredAct } from '../../acts/act-register';

/** The act register for the auditor's page: numbers and dates only (the PDFs are read one at a time, on download). */
export async function listActs(db: pg.Pool, limit = 200) {
  const { rows } = await db.query<{ number: string; case_id: string; destroyed_on: string; issued_at: Date; retain_until: string; signed: boolean }>(
    `SELECT number, case_id, to_char(destroyed_on, 'YYYY-MM-DD') AS destroyed_on, issued_at, to_char(retain_until, 'YYYY-MM-DD') AS retain_until,
            signature IS NOT NULL AS signed
       FROM destruction_acts ORDER BY issued_at DESC, number DESC LIMIT $1`, [limit]);
  return rows.map((r) => ({ number: r.number, caseId: r.case_id, destroyedOn: r.destroyed_on, issuedAt: r.issued_at.toISOString(), retainUntil: r.retain_until, signed: r.signed }));
}

/** One act as stored (PDF and signature bytes), through the act register. */
export const readAct = (db: pg.Pool, number: string): Promise<StoredAct | undefined> => getAct(db, number);
