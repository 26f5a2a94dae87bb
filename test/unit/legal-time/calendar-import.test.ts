import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { builtInCalendar, calendarStatus, createCalendar, parseCalendarImport, withOverrides } from '../../../domain/legal-time';
import { errorOf } from './error-of';

const example = () => JSON.parse(readFileSync(path.resolve(__dirname, '../../../docs/calendar/ru-2026.import.json'), 'utf8'));

describe('importing an official year (dsar calendar import)', () => {
  it('reads the documented 2026 decree as exactly the built-in year: the calendar version does not change', () => {
    const year = parseCalendarImport(example());
    expect(year.source).toBe('Government Decree No. 1466 of 24.09.2025');
    expect(year.transfers).toContainEqual({ from: '2026-01-04', to: '2026-12-31' });
    expect(withOverrides(builtInCalendar(), [year]).version).toBe(builtInCalendar().version);
  });

  it('refuses a day off moved in the days but not in the transfers, and the other way round', () => {
    const noTransfer = example();
    noTransfer.transfers = noTransfer.transfers.filter((t: { to: string }) => t.to !== '2026-12-31');
    expect(errorOf(() => parseCalendarImport(noTransfer))).toMatchObject({ code: 'calendar_invalid_transfer', message: expect.stringContaining('2026-12-31') });
    const noDay = example();
    noDay.days = noDay.days.filter((d: { date: string }) => d.date !== '2026-12-31');
    expect(errorOf(() => parseCalendarImport(noDay))).toMatchObject({ code: 'calendar_invalid_transfer', message: expect.stringContaining('"to" must be listed') });
  });

  it('refuses a transfer from a weekday, a working Saturday without its transfer, and a day moved twice', () => {
    const weekday = { ...example(), transfers: [...example().transfers.slice(1), { from: '2026-01-05', to: '2026-01-09' }] };
    expect(errorOf(() => parseCalendarImport(weekday))).toMatchObject({ code: 'calendar_invalid_transfer', message: expect.stringContaining('Saturday or Sunday') });
    const saturday = example();
    saturday.days.push({ date: '2026-02-28', status: 'working', kind: 'working_weekend' });
    expect(errorOf(() => parseCalendarImport(saturday))).toMatchObject({ code: 'calendar_invalid_transfer', message: expect.stringContaining('2026-02-28') });
    const twice = example();
    twice.transfers.push({ from: '2026-01-03', to: '2026-03-09' });
    expect(errorOf(() => parseCalendarImport(twice))).toMatchObject({ code: 'calendar_invalid_transfer' });
  });

  it('refuses a missing or malformed decree, a source that contradicts it, and a provisional year', () => {
    expect(errorOf(() => parseCalendarImport({ ...example(), decree: undefined }))).toMatchObject({ code: 'calendar_invalid_decree' });
    expect(errorOf(() => parseCalendarImport({ ...example(), decree: { number: 'No. 1466', date: '2025-09-24' } }))).toMatchObject({ code: 'calendar_invalid_decree' });
    expect(errorOf(() => parseCalendarImport({ ...example(), decree: { number: '1466', date: '2019-09-24' } }))).toMatchObject({ code: 'calendar_invalid_decree' });
    expect(errorOf(() => parseCalendarImport({ ...example(), source: 'Government Decree No. 1 of 01.01.2025' }))).toMatchObject({ code: 'calendar_invalid_decree' });
    expect(errorOf(() => parseCalendarImport({ ...example(), provisional: true }))).toMatchObject({ code: 'calendar_not_official' });
  });

  it('keeps the year validation: a shortened day on a Saturday is refused with what to use instead', () => {
    const bad = example();
    bad.days.push({ date: '2026-02-21', status: 'working', kind: 'shortened_preholiday' });
    expect(errorOf(() => parseCalendarImport(bad))).toMatchObject({ code: 'calendar_invalid_kind', message: expect.stringContaining('working_weekend_shortened') });
  });
});

describe('calendarStatus', () => {
  const year = (y: number, provisional: boolean) => ({ year: y, country: 'RU' as const, source: provisional ? 'projection' : `Test Decree No. ${y} of 01.09.${y - 1}`, provisional, days: [] });
  const calendar = createCalendar([year(3000 - 10, false), year(3000 - 9, false), year(3000 - 8, true)]);

  it('names the years, the provisional ones and the days left until the last official year ends', () => {
    const s = calendarStatus(calendar, '2991-06-01');
    expect(s).toMatchObject({ years: [2990, 2991, 2992], provisional: [2992], lastOfficialYear: 2991, officialUntil: '2991-12-31', daysLeft: 213, warning: false });
    expect(s.message).toBeUndefined();
  });

  it('warns from 90 days before that day on, and after it', () => {
    expect(calendarStatus(calendar, '2991-10-01')).toMatchObject({ daysLeft: 91, warning: false });
    expect(calendarStatus(calendar, '2991-10-02')).toMatchObject({ daysLeft: 90, warning: true, message: expect.stringContaining('import the 2992 decree') });
    expect(calendarStatus(calendar, '2992-01-05')).toMatchObject({ daysLeft: -5, warning: true, message: expect.stringContaining('5 day(s) ago') });
    expect(calendarStatus(createCalendar([]), '2991-01-01')).toMatchObject({ lastOfficialYear: null, daysLeft: null, warning: true });
  });
});
