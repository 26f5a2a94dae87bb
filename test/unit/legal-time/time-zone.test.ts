// Internal time-zone helpers: start of a local day across DST gaps and overlaps.
import { describe, expect, it } from 'vitest';
import { daysFromCivil } from '../../../domain/legal-time/civil-date';
import { formatInstant, localDay, startOfLocalDay } from '../../../domain/legal-time/time-zone';

const day = (y: number, m: number, d: number) => daysFromCivil(y, m, d);

describe('startOfLocalDay', () => {
  it('is local midnight in Moscow', () => {
    expect(formatInstant('Europe/Moscow', startOfLocalDay('Europe/Moscow', day(2025, 11, 11)))).toBe('2025-11-11T00:00:00+03:00');
  });

  it('is 01:00 when midnight is skipped (Santiago, 2025-09-07)', () => {
    const start = startOfLocalDay('America/Santiago', day(2025, 9, 7));
    expect(formatInstant('America/Santiago', start)).toBe('2025-09-07T01:00:00-03:00');
    expect(localDay('America/Santiago', start - 1)).toBe(day(2025, 9, 6));
  });

  it('is midnight after a fall-back at 24:00 (Santiago, 2025-04-06)', () => {
    expect(formatInstant('America/Santiago', startOfLocalDay('America/Santiago', day(2025, 4, 6)))).toBe('2025-04-06T00:00:00-04:00');
  });

  it('renders half-hour offsets', () => {
    expect(formatInstant('Asia/Kolkata', Date.UTC(2025, 0, 1, 0, 0, 0))).toBe('2025-01-01T05:30:00+05:30');
  });
});

describe('formatInstant for every instant the engine may meet', () => {
  const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{3})?(Z|[+-]\d{2}:\d{2})$/;

  it('writes a local-mean-time instant (Moscow +02:30:17 before 1919) in UTC, never with an offset in seconds', () => {
    const ms = Date.UTC(1900, 0, 1, 0, 0, 0);
    const text = formatInstant('Europe/Moscow', ms);
    expect(text).toMatch(RFC3339);
    expect(text).toBe('1900-01-01T00:00:00Z');
    expect(Date.parse(text)).toBe(ms);
  });

  it('is valid RFC 3339 that parses back to the same instant, for any instant 1900–2999 in many zones', () => {
    const zones = ['Europe/Moscow', 'Asia/Kolkata', 'America/Santiago', 'Africa/Monrovia', 'Asia/Kathmandu', 'Europe/Amsterdam'];
    for (const zone of zones) {
      for (let ms = Date.UTC(1900, 0, 1); ms < Date.UTC(2999, 0, 1); ms += 1_234_567_891_011) {
        const text = formatInstant(zone, ms);
        expect(text, zone).toMatch(RFC3339);
        expect(Date.parse(text), `${zone} ${text}`).toBe(ms);
      }
    }
  });
});
