/**
 * The `from` of a deadline: either a civil date already in operator time
 * (`YYYY-MM-DD`) or an exact instant that carries its own offset. A local
 * date-time without an offset is refused: guessing its zone would silently
 * move day 0.
 */
import { LegalTimeError } from './errors';
import { daysFromCivil, isValidCivil, MAX_YEAR, MIN_YEAR, MS_PER_DAY, tryParseDate, type DayNumber } from './civil-date';

export type ParsedFrom =
  | { readonly kind: 'date'; readonly day: DayNumber }
  | { readonly kind: 'instant'; readonly ms: number };

const INSTANT_RE =
  /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?(?:([Zz])|([+-])(\d{2}):(\d{2}))$/;

function invalidFrom(from: unknown): LegalTimeError {
  return new LegalTimeError(
    'invalid_from',
    `from ${JSON.stringify(from)} is neither a date YYYY-MM-DD nor an ISO-8601 instant with an offset ` +
      `(e.g. 2025-10-24 or 2025-10-24T18:00:00+03:00 or 2025-10-24T15:00:00Z), years ${MIN_YEAR}–${MAX_YEAR}`,
  );
}

function parseInstant(text: string): number | null {
  const p = INSTANT_RE.exec(text);
  if (!p) return null;
  const [y, mo, d, h, mi] = [p[1], p[2], p[3], p[4], p[5]].map(Number) as [number, number, number, number, number];
  const s = Number(p[6] ?? 0);
  const millis = Number((p[7] ?? '').padEnd(3, '0').slice(0, 3)); // sub-millisecond digits are dropped
  if (!isValidCivil(y, mo, d) || h > 23 || mi > 59 || s > 59) return null;
  let offsetMin = 0;
  if (p[8] === undefined) {
    const oh = Number(p[10]);
    const om = Number(p[11]);
    if (oh > 23 || om > 59) return null;
    offsetMin = (p[9] === '-' ? -1 : 1) * (oh * 60 + om);
  }
  return daysFromCivil(y, mo, d) * MS_PER_DAY + h * 3_600_000 + mi * 60_000 + s * 1000 + millis - offsetMin * 60_000;
}

export function parseFrom(from: unknown): ParsedFrom {
  if (typeof from !== 'string') throw invalidFrom(from);
  if (from.length === 10) {
    const day = tryParseDate(from);
    if (day !== null) return { kind: 'date', day };
    throw invalidFrom(from);
  }
  const ms = parseInstant(from);
  if (ms === null) throw invalidFrom(from);
  return { kind: 'instant', ms };
}
