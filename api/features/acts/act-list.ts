import type pg from 'pg';
import { ACT_ENTRY_COLUMNS, actEntry } from '../audit/case-record';
import type { ActListQuery } from '../audit/schemas';

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
