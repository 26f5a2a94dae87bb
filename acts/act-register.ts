import { createHash } from 'node:crypto';
import type pg from 'pg';
import type { DestructionAct } from './act-schema';

/** The register of destruction acts as stored: read by the CLI and the API without loading the PDF library. */
export interface StoredAct {
  number: string;
  caseId: string;
  destroyedOn: string;
  issuedAt: string;
  retainUntil: string;
  /** The exact JSON text that was hashed. */
  json: string;
  jsonSha256: string;
  pdf: Buffer;
  pdfSha256: string;
  signature: Buffer | null;
  signatureFormat: string | null;
  signedBy: string | null;
}

export const sha256 = (data: string | Buffer) => createHash('sha256').update(data).digest('hex');

export const COLUMNS = `number, case_id, to_char(destroyed_on, 'YYYY-MM-DD') AS destroyed_on, issued_at, to_char(retain_until, 'YYYY-MM-DD') AS retain_until,
  json, json_sha256, pdf, pdf_sha256, signature, signature_format, signed_by`;

export const fromRow = (r: Record<string, unknown>): StoredAct => ({
  number: r.number as string, caseId: r.case_id as string, destroyedOn: r.destroyed_on as string,
  issuedAt: (r.issued_at as Date).toISOString(), retainUntil: r.retain_until as string,
  json: r.json as string, jsonSha256: r.json_sha256 as string, pdf: r.pdf as Buffer, pdfSha256: r.pdf_sha256 as string,
  signature: (r.signature as Buffer | null) ?? null, signatureFormat: (r.signature_format as string | null) ?? null, signedBy: (r.signed_by as string | null) ?? null,
});

export async function getAct(pool: pg.Pool, number: string): Promise<StoredAct | undefined> {
  const { rows: [row] } = await pool.query(`SELECT ${COLUMNS} FROM destruction_acts WHERE number = $1`, [number]);
  return row ? fromRow(row) : undefined;
}

export const actData = (stored: StoredAct): DestructionAct => JSON.parse(stored.json) as DestructionAct;
