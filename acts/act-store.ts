import type pg from 'pg';
import type { OperatorProfile } from '../operator/profile-schema';
import type { SystemsRegistry } from '../operator/systems-schema';
import { inTransaction } from '../platform/db';
import { buildActData, type ActInput } from './act-data';
import { renderActPdf } from './act-pdf';
import { COLUMNS, fromRow, sha256, type StoredAct } from './act-register';
import type { AuditEventRow } from './log-extract';
import type { ActSigner } from './signer';

export interface IssueDeps {
  operator: OperatorProfile;
  registry: SystemsRegistry;
  signer?: ActSigner;
  timeZone?: string;
  now?: () => Date;
}

export const actNumber = (year: number, seq: number) => `179-${year}-${String(seq).padStart(6, '0')}`;
const dateIn = (at: Date, timeZone: string) => new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(at);

async function caseEvents(client: pg.PoolClient, caseId: string): Promise<AuditEventRow[]> {
  const { rows } = await client.query<{ id: string; chainSeq: string; at: Date; actor: string; action: string; data: Record<string, unknown> }>(
    'SELECT id::text AS id, chain_seq::text AS "chainSeq", at, actor, action, data FROM audit_events WHERE case_id = $1 ORDER BY chain_seq', [caseId]);
  return rows.map((r) => ({ ...r, at: r.at.toISOString() }));
}

/**
 * Issues the case's destruction act, once: a second call (a retried activity, a concurrent one) returns the
 * act already issued. The year's counter row is locked FOR UPDATE in the transaction that stores the act, so
 * numbers run 1, 2, 3… per year with no gaps; the lock also serialises issuing, which acts' rarity allows.
 */
export async function issueAct(pool: pg.Pool, input: ActInput, deps: IssueDeps): Promise<StoredAct> {
  const issuedAt = (deps.now ?? (() => new Date()))();
  const issuedOn = dateIn(issuedAt, deps.timeZone ?? 'Europe/Moscow');
  const year = Number(issuedOn.slice(0, 4));
  return inTransaction(pool, async (client) => {
    const existing = async () => (await client.query(`SELECT ${COLUMNS} FROM destruction_acts WHERE case_id = $1`, [input.caseId])).rows[0];
    const before = await existing();
    if (before) return fromRow(before);
    await client.query('INSERT INTO destruction_act_counters (year, last_number) VALUES ($1, 0) ON CONFLICT (year) DO NOTHING', [year]);
    const { rows: [counter] } = await client.query<{ last_number: number }>('SELECT last_number FROM destruction_act_counters WHERE year = $1 FOR UPDATE', [year]);
    // Another transaction may have issued this case's act while we waited for the lock.
    const raced = await existing();
    if (raced) return fromRow(raced);
    const seq = counter!.last_number + 1;
    const act = buildActData(input, { number: actNumber(year, seq), issuedOn, operator: deps.operator, registry: deps.registry, events: await caseEvents(client, input.caseId), timeZone: deps.timeZone });
    const json = `${JSON.stringify(act, null, 2)}\n`;
    const pdf = await renderActPdf(act);
    const signature = deps.signer?.sign(pdf) ?? null;
    const { rows: [row] } = await client.query(
      `INSERT INTO destruction_acts (number, year, seq, case_id, destroyed_on, issued_at, retain_until, json, json_sha256, pdf, pdf_sha256, signature, signature_format, signed_by)
       VALUES ($1, $2, $3, $4, $5, $6, ($5::date + interval '3 years')::date, $7, $8, $9, $10, $11, $12, $13) RETURNING ${COLUMNS}`,
      [act.number, year, seq, input.caseId, input.destroyedOn, issuedAt, json, sha256(json), pdf, sha256(pdf), signature,
        signature ? deps.signer!.format : null, signature ? deps.signer!.signedBy : null]);
    await client.query('UPDATE destruction_act_counters SET last_number = $2 WHERE year = $1', [year, seq]);
    return fromRow(row!);
  });
}

export { actData, getAct, sha256, type StoredAct } from './act-register';
