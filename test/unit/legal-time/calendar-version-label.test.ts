// calendar.version is printed on every deadline, letter and act: what it says about each year must be exact.
import { describe, expect, it } from 'vitest';
import { calendarVersion, createCalendar, fnv1a32, type CalendarYear } from '../../../domain/legal-time';
import { canonicalCalendarText } from '../../../domain/legal-time/calendar-version';

const year = (y: number, source: string, provisional = false, days: CalendarYear['days'] = []): CalendarYear =>
  ({ year: y, country: 'RU', source, provisional, days });

describe('calendar.version labels', () => {
  it('label each year by its decree number, however the source spells "No.", or custom / provisional', () => {
    const v = calendarVersion([
      year(2990, 'Government Decree No. 1466 of 24.09.2989'), year(2991, 'Decree no 12'), year(2992, 'Постановление No.77'),
      year(2993, 'the operator\'s own list'), year(2994, 'Decree No. 5', true),
    ]);
    expect(v).toMatch(/^ru-2990\.1466-2991\.12-2992\.77-2993\.custom-2994\.provisional\+[0-9a-f]{8}$/);
  });

  it('hash the canonical text: the statutory revision, each year\'s header and each day, projected flag included', () => {
    const days: CalendarYear['days'] = [
      { date: '2994-03-09', status: 'nonworking', kind: 'transferred_day_off', projected: true },
      { date: '2994-03-10', status: 'nonworking', kind: 'holiday', note: 'not hashed' },
    ];
    const years = [year(2994, 'projection', true, days)];
    expect(canonicalCalendarText(years)).toBe([
      'base|art112-v1',
      'year|2994|RU|true|projection',
      'day|2994-03-09|nonworking|transferred_day_off|projected',
      'day|2994-03-10|nonworking|holiday',
    ].join('\n'));
    expect(calendarVersion(years)).toBe(`ru-2994.provisional+${fnv1a32(canonicalCalendarText(years))}`);
    expect(createCalendar([]).version).toBe(`ru-statutory+${fnv1a32('base|art112-v1')}`);
  });

  it('hash multi-byte text as UTF-8, so a decree cited in Russian gives the same version everywhere', () => {
    // Known FNV-1a 32 values of the UTF-8 bytes: "ж" (2 bytes), "€" (3 bytes), "𝄞" (4 bytes).
    expect(fnv1a32('ж')).toBe(fnv1a32('\u0436'));
    expect([fnv1a32('ж'), fnv1a32('€'), fnv1a32('𝄞')]).toEqual([fnvOfBytes([0xd0, 0xb6]), fnvOfBytes([0xe2, 0x82, 0xac]), fnvOfBytes([0xf0, 0x9d, 0x84, 0x9e])]);
  });
});

/** Reference FNV-1a 32 over given bytes, written out independently of the code under test. */
function fnvOfBytes(bytes: number[]): string {
  let h = 0x811c9dc5;
  for (const b of bytes) h = Number((BigInt(h ^ b) * 0x01000193n) & 0xffffffffn);
  return (h >>> 0).toString(16).padStart(8, '0');
}
