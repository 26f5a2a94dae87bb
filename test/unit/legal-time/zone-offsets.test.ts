// Instants in operator time as letters and the case page print them: the offset in force at that very instant.
import { describe, expect, it } from 'vitest';
import { assertTimeZone, formatInstant, localDay, offsetAt, startOfLocalDay } from '../../../domain/legal-time/time-zone';
import { daysFromCivil } from '../../../domain/legal-time/civil-date';
import { LegalTimeError } from '../../../domain/legal-time';

describe('operator time zones', () => {
  it('print negative and non-hour offsets with their sign and minutes', () => {
    expect(formatInstant('America/St_Johns', Date.UTC(2025, 0, 15, 12, 0, 0))).toBe('2025-01-15T08:30:00-03:30');
    expect(formatInstant('Asia/Kathmandu', Date.UTC(2025, 0, 15, 12, 0, 0, 5))).toBe('2025-01-15T17:45:00.005+05:45');
    expect(formatInstant('America/New_York', Date.UTC(2025, 0, 15, 3, 4, 5, 60))).toBe('2025-01-14T22:04:05.060-05:00');
    expect(formatInstant('UTC', Date.UTC(2025, 0, 15, 23, 59, 59, 999))).toBe('2025-01-15T23:59:59.999+00:00');
  });

  it('take the offset in force at the instant on the day a zone changes it', () => {
    // Berlin moves from +01:00 to +02:00 at 01:00 UTC on 2025-03-30.
    expect(formatInstant('Europe/Berlin', Date.UTC(2025, 2, 30, 0, 30))).toBe('2025-03-30T01:30:00+01:00');
    expect(formatInstant('Europe/Berlin', Date.UTC(2025, 2, 30, 1, 30))).toBe('2025-03-30T03:30:00+02:00');
    expect(offsetAt('Europe/Berlin', Date.UTC(2025, 2, 30, 0, 59, 59))).toBe(3_600_000);
    expect(offsetAt('Europe/Berlin', Date.UTC(2025, 2, 30, 1, 0, 0))).toBe(7_200_000);
    // Back on 2025-10-26 at 01:00 UTC: 00:30 UTC is 02:30 summer time, 01:30 UTC is 02:30 winter time.
    expect(formatInstant('Europe/Berlin', Date.UTC(2025, 9, 26, 0, 30))).toBe('2025-10-26T02:30:00+02:00');
    expect(formatInstant('Europe/Berlin', Date.UTC(2025, 9, 26, 1, 30))).toBe('2025-10-26T02:30:00+01:00');
  });

  it('start a day whose midnight occurs twice at the earlier one (Havana falls back from 01:00 to 00:00 on 2025-11-02)', () => {
    expect(formatInstant('America/Havana', startOfLocalDay('America/Havana', daysFromCivil(2025, 11, 2)))).toBe('2025-11-02T00:00:00-04:00');
  });

  it('know an offset in seconds (Moscow\'s local mean time, +02:30:17 before 1919)', () => {
    expect(offsetAt('Europe/Moscow', Date.UTC(1900, 0, 1))).toBe(2 * 3_600_000 + 30 * 60_000 + 17_000);
  });

  it('put an instant on the operator\'s local day, on either side of midnight', () => {
    expect(localDay('Asia/Vladivostok', Date.UTC(2025, 9, 24, 13, 59, 59))).toBe(daysFromCivil(2025, 10, 24));
    expect(localDay('Asia/Vladivostok', Date.UTC(2025, 9, 24, 14, 0, 0))).toBe(daysFromCivil(2025, 10, 25));
    expect(localDay('America/New_York', Date.UTC(2025, 9, 24, 3, 59, 59))).toBe(daysFromCivil(2025, 10, 23));
  });

  it('refuse a zone that is empty, not a string or unknown to Intl', () => {
    for (const zone of ['', 7, undefined, 'Mars/Olympus']) {
      expect(() => assertTimeZone(zone)).toThrow(LegalTimeError);
    }
    expect(assertTimeZone('Europe/Moscow')).toBe('Europe/Moscow');
  });
});
