import type pg from 'pg';
import type { ActListQuery } from '../audit/schemas';

const iso = (v: unknown) => (v instanceof Date ? v.toISOString() : null);

/** The register entry of an act, as the register and the case history show it (no content: links to it). */
export const ACT_ENTRY_COLUMNS = `number, case_id, to_char(destroyed_on, 'YYYY-MM-DD') AS destroyed_on, issued_at,
  to_char(retain_until, 'YYYY-MM-DD') AS retain_until, json_sha256, pdf_sha256, signature IS NOT NULL AS signed, signature_format, signed_by, purged_at`;

export function actEntry(r: Record<string, unknown>) {
  const base = `/api/v1/acts/${r.number as string}`;
  return {
    number: r.number as string, caseId: r.case_id as string, destroyedOn: r.destroyed_on as string, issuedAt: iso(r.issued_at)!,
    retainUntil: r.retain_until as string, jsonSha256: r.json_sha256 as string, pdfSha256: r.pdf_sha256 as string,
    signed: r.signed as boolean, signatureFormat: r.signature_format as string | null, signedBy: r.signed_by as string | null,
    purgedAt: iso(r.purged_at),
    links: { self: base, json: `${base}/json`, pdf: `${base}/pdf`, signature: `${base}/signature` },
  };
}

/**
 * The register, oldest first ((year, seq): the order acts were numbered). Keyset pagination on the number, so
 * pages neither repeat nor skip acts issued meanwhile. `from`/`to` are issue dates in the operator's time zone.
 */
export async function listActs(db: pg.Pool, q: ActListQuery, timeZone: string) {
  const limit = Number(q.limit);
  const params: unknown[] = [];
  const filters: string[] = [];
  const issuedOn = () => `(issued_at AT TIME ZONE $${params.push(timeZone)})::date`;
  if (q.year) filters.push(`year = $${params.push(Number(q.year))}`);
  if (q.from) filters.push(`${issuedOn()} >= $${params.push(q.from)}::date`);
  if (q.to) filters.push(`${issuedOn()} <= $${params.push(q.to)}::date`);
  if (q.cursor) {
    const [, year, seq] = q.cursor.split('-');
    filters.push(`(year, seq) > ($${params.push(Number(year))}, $${params.push(Number(seq))})`);
  }
  const where = filters.length ? `WHERE ${filters.join(' AND ')}` : '';
  const { rows } = await db.query(
    `SELECT ${ACT_ENTRY_COLUMNS} FROM destruction_acts ${where} ORDER BY year, seq LIMIT $${params.push(limit + 1)}`, params);
  const page = rows.slice(0, limit);
  return { items: page.map(actEntry), nextCursor: rows.length > limit ? (page.at(-1)!.number as string) : null, limit };
}
