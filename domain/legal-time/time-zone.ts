/**
 * Operator time zone arithmetic on top of Intl (available in the Temporal
 * sandbox). Intl is slow per call, so formatters are cached per zone and
 * offsets per UTC day: an offset that is the same at both ends of a UTC day
 * is taken as constant for that day (zones change offset at most once a day).
 */
import { LegalTimeError } from './errors';
import { civilFromDays, daysFromCivil, formatCivil, MS_PER_DAY, pad2, type DayNumber } from './civil-date';

interface ZoneCache {
  readonly format: Intl.DateTimeFormat;
  readonly dayOffsets: Map<number, number | null>;
  readonly startOfDay: Map<DayNumber, number>;
}

const zones = new Map<string, ZoneCache>();
/** Bounds memory in long-lived workers; caches are pure, so clearing is safe. */
const MAX_CACHE_ENTRIES = 50_000;

function zoneCache(timeZone: string): ZoneCache {
  let cache = zones.get(timeZone);
  if (cache) return cache;
  let format: Intl.DateTimeFormat;
  try {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric',
      hour: 'numeric', minute: 'numeric', second: 'numeric',
    });
  } catch {
    throw new LegalTimeError('invalid_time_zone', `${JSON.stringify(timeZone)} is not an IANA time zone; use e.g. "Europe/Moscow"`);
  }
  cache = { format, dayOffsets: new Map(), startOfDay: new Map() };
  zones.set(timeZone, cache);
  return cache;
}

/** Throws `invalid_time_zone` unless Intl knows the zone. */
export function assertTimeZone(timeZone: unknown): string {
  if (typeof timeZone !== 'string' || timeZone === '') {
    throw new LegalTimeError('invalid_time_zone', 'timeZone must be a non-empty IANA zone name, e.g. "Europe/Moscow"');
  }
  zoneCache(timeZone);
  return timeZone;
}

function exactOffset(format: Intl.DateTimeFormat, ms: number): number {
  const whole = Math.floor(ms / 1000) * 1000;
  const f: Record<string, number> = {};
  for (const part of format.formatToParts(whole)) {
    // Stryker disable next-line ConditionalExpression,StringLiteral: the literal parts ("/", ", ", ":") are never read back
    if (part.type !== 'literal') f[part.type] = Number(part.value);
  }
  const local = daysFromCivil(f.year ?? 0, f.month ?? 1, f.day ?? 1) * MS_PER_DAY
    + ((f.hour ?? 0) % 24) * 3_600_000 + (f.minute ?? 0) * 60_000 + (f.second ?? 0) * 1000;
  return local - whole;
}

/** Offset (local − UTC, ms) of `timeZone` at instant `ms`. */
export function offsetAt(timeZone: string, ms: number): number {
  const cache = zoneCache(timeZone);
  const bucket = Math.floor(ms / MS_PER_DAY);
  let constant = cache.dayOffsets.get(bucket);
  // Stryker disable next-line ConditionalExpression,EqualityOperator,BlockStatement: a cache; without it the offset is computed exactly, the same
  if (constant === undefined) {
    const start = exactOffset(cache.format, bucket * MS_PER_DAY);
    const end = exactOffset(cache.format, (bucket + 1) * MS_PER_DAY - 1000);
    constant = start === end ? start : null;
    // Stryker disable next-line ConditionalExpression,EqualityOperator: bounds the cache's memory only; offsets are the same
    if (cache.dayOffsets.size >= MAX_CACHE_ENTRIES) cache.dayOffsets.clear();
    cache.dayOffsets.set(bucket, constant);
  }
  return constant ?? exactOffset(cache.format, ms);
}

/** Operator-local calendar date of an instant. */
export function localDay(timeZone: string, ms: number): DayNumber {
  return Math.floor((ms + offsetAt(timeZone, ms)) / MS_PER_DAY);
}

/**
 * First instant of a local day. Disambiguation as Temporal's
 * ZonedDateTime.startOfDay: in a DST gap the instant the gap ends, in an
 * overlap the earlier of the two midnights.
 */
export function startOfLocalDay(timeZone: string, day: DayNumber): number {
  const cache = zoneCache(timeZone);
  const hit = cache.startOfDay.get(day);
  if (hit !== undefined) return hit;
  const wall = day * MS_PER_DAY;
  const before = offsetAt(timeZone, wall - MS_PER_DAY);
  const after = offsetAt(timeZone, wall + MS_PER_DAY);
  const candidates = [wall - before, wall - after].filter((t, i) => offsetAt(timeZone, t) === (i === 0 ? before : after));
  const instant = candidates.length > 0 ? Math.min(...candidates) : wall - before;
  // Stryker disable next-line ConditionalExpression,EqualityOperator: bounds the cache's memory only; instants are the same
  if (cache.startOfDay.size >= MAX_CACHE_ENTRIES) cache.startOfDay.clear();
  cache.startOfDay.set(day, instant);
  return instant;
}

function formatOffset(offsetMs: number): string {
  const sign = offsetMs < 0 ? '-' : '+';
  const minutes = Math.abs(offsetMs) / 60_000;
  return `${sign}${pad2(Math.floor(minutes / 60))}:${pad2(minutes % 60)}`;
}

/**
 * ISO-8601 / RFC 3339 with the zone's offset, e.g. 2025-11-11T00:00:00+03:00; milliseconds only when non-zero.
 * RFC 3339 offsets are whole minutes: an instant whose zone offset is not (local mean time, e.g. Moscow's
 * +02:30:17 before 1919) is written in UTC with `Z` instead, which names the same instant exactly.
 */
export function formatInstant(timeZone: string, ms: number): string {
  const zoned = offsetAt(timeZone, ms);
  const offset = zoned % 60_000 === 0 ? zoned : 0;
  const local = ms + offset;
  const day = Math.floor(local / MS_PER_DAY);
  const { y, m, d } = civilFromDays(day);
  const inDay = local - day * MS_PER_DAY;
  const millis = inDay % 1000;
  const secs = Math.floor(inDay / 1000);
  const time = `${pad2(Math.floor(secs / 3600))}:${pad2(Math.floor((secs % 3600) / 60))}:${pad2(secs % 60)}`;
  const fraction = millis === 0 ? '' : `.${String(millis).padStart(3, '0')}`;
  return `${formatCivil(y, m, d)}T${time}${fraction}${offset === zoned ? formatOffset(offset) : 'Z'}`;
}
