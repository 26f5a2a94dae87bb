// The shipped calendar data against the independent consultant.ru transcription.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { builtInCalendar, isWorkingDay } from '../../../domain/legal-time';

// Deliberately no skip: without the reference folder this suite must fail.
const referenceDir = path.resolve(__dirname, '../../../../shared/reference/calendar');
const calendar = builtInCalendar();

const counts: Record<number, [number, number]> = { 2024: [248, 118], 2025: [247, 118], 2026: [247, 118], 2027: [247, 118] };

function daysOf(year: number): string[] {
  const days: string[] = [];
  for (let t = Date.UTC(year, 0, 1); t < Date.UTC(year + 1, 0, 1); t += 86_400_000) {
    days.push(new Date(t).toISOString().slice(0, 10));
  }
  return days;
}

function consultant(year: number): { holidays: string[]; preholidays: string[] } {
  return JSON.parse(readFileSync(path.join(referenceDir, `consultant${year}.json`), 'utf8'));
}

describe.each([2024, 2025, 2026, 2027])('production calendar %i', (year) => {
  it('marks non-working exactly the consultant "holidays" (weekends included)', () => {
    const nonWorking = daysOf(year).filter((d) => !isWorkingDay(calendar, d));
    expect(nonWorking).toEqual([...consultant(year).holidays].sort());
  });

  it('has the published working / non-working counts', () => {
    const all = daysOf(year);
    const working = all.filter((d) => calendar.isWorkingDay(d)).length;
    expect([working, all.length - working]).toEqual(counts[year]);
  });

  it('lists every consultant shortened day as a working, shortened day', () => {
    const data = calendar.years.find((y) => y.year === year);
    const shortened = data?.days.filter((d) => d.kind === 'shortened_preholiday' || d.kind === 'working_weekend_shortened').map((d) => d.date);
    expect(shortened).toEqual([...consultant(year).preholidays].sort());
    for (const d of shortened ?? []) expect(calendar.isWorkingDay(d)).toBe(true);
  });

  it('lists only days that differ from a plain Mon–Fri week, or holidays', () => {
    const data = calendar.years.find((y) => y.year === year);
    for (const d of data?.days ?? []) {
      const weekend = [0, 6].includes(new Date(`${d.date}T00:00:00Z`).getUTCDay());
      const differs = (d.status === 'working') === weekend || d.kind === 'holiday' || d.kind === 'shortened_preholiday';
      expect(differs, d.date).toBe(true);
    }
  });
});

describe('data files', () => {
  it('carry the decrees and flag only 2027 as provisional', () => {
    expect(calendar.years.map((y) => [y.year, y.provisional, y.source.match(/No\. (\d+)/)?.[1] ?? null])).toEqual([
      [2024, false, '1314'], [2025, false, '1335'], [2026, false, '1466'], [2027, true, null],
    ]);
  });

  it('know the traps named in the README', () => {
    for (const d of ['2024-04-27', '2024-11-02', '2024-12-28', '2025-11-01']) expect(calendar.isWorkingDay(d), d).toBe(true);
    for (const d of ['2025-12-31', '2026-12-31', '2026-01-09']) expect(calendar.isWorkingDay(d), d).toBe(false);
  });
});
