// The shipped calendar data against the independent consultant.ru transcription (test/fixtures/calendar/README.md).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { builtInCalendar, isWorkingDay } from '../../../domain/legal-time';

// Inside the repository on purpose: the tests must not depend on anything outside it, and must fail without it.
const fixturesDir = path.resolve(__dirname, '../../fixtures/calendar');
const calendar = builtInCalendar();

// Published counts (working / non-working) of the DATA, projected days taken at their data status.
const dataCounts: Record<number, [number, number]> = { 2024: [248, 118], 2025: [247, 118], 2026: [247, 118], 2027: [247, 118] };
// What the count uses: in 2027 the three projected days off (22.02, 05.11, 31.12) count as working days.
const countedCounts: Record<number, [number, number]> = { ...dataCounts, 2027: [250, 115] };

function daysOf(year: number): string[] {
  const days: string[] = [];
  for (let t = Date.UTC(year, 0, 1); t < Date.UTC(year + 1, 0, 1); t += 86_400_000) {
    days.push(new Date(t).toISOString().slice(0, 10));
  }
  return days;
}

/** Working per the data alone: a plain Mon–Fri week plus the listed days at their status, projected or not. */
function dataWorking(year: number): (date: string) => boolean {
  const listed = new Map(calendar.years.find((y) => y.year === year)?.days.map((d) => [d.date, d.status]));
  return (date) => {
    const status = listed.get(date);
    if (status !== undefined) return status === 'working';
    return ![0, 6].includes(new Date(`${date}T00:00:00Z`).getUTCDay());
  };
}

function consultant(year: number): { holidays: string[]; preholidays: string[] } {
  return JSON.parse(readFileSync(path.join(fixturesDir, `consultant${year}.json`), 'utf8'));
}

describe.each([2024, 2025, 2026, 2027])('production calendar %i', (year) => {
  it('lists as non-working exactly the consultant "holidays" (weekends and projected days off included)', () => {
    const working = dataWorking(year);
    expect(daysOf(year).filter((d) => !working(d))).toEqual([...consultant(year).holidays].sort());
  });

  it('has the published working / non-working counts in the data', () => {
    const all = daysOf(year);
    const working = all.filter(dataWorking(year)).length;
    expect([working, all.length - working]).toEqual(dataCounts[year]);
  });

  it('counts with the data, projected days off counted as working', () => {
    const all = daysOf(year);
    const working = all.filter((d) => isWorkingDay(calendar, d)).length;
    expect([working, all.length - working]).toEqual(countedCounts[year]);
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

  it('mark as projected exactly the decree-dependent 2027 days of the reference README', () => {
    const projected = calendar.years.flatMap((y) => y.days.filter((d) => d.projected).map((d) => [d.date, d.status]));
    expect(projected).toEqual([
      ['2027-02-20', 'working'], ['2027-02-22', 'nonworking'], ['2027-11-05', 'nonworking'], ['2027-12-31', 'nonworking'],
    ]);
  });

  it('know the traps named in the README', () => {
    for (const d of ['2024-04-27', '2024-11-02', '2024-12-28', '2025-11-01']) expect(calendar.isWorkingDay(d), d).toBe(true);
    for (const d of ['2025-12-31', '2026-12-31', '2026-01-09']) expect(calendar.isWorkingDay(d), d).toBe(false);
  });
});
