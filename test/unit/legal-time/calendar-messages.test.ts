// What an operator reads when a calendar file (an override or `dsar calendar import`) is refused: the code, the
// year, the day and the field to fix. Each message is checked whole, since it is the only guide to the fix.
import { describe, expect, it } from 'vitest';
import { builtInCalendar, createCalendar, parseCalendarImport, validateCalendarYears, withOverrides, type CalendarYear } from '../../../domain/legal-time';
import { errorOf } from './error-of';

const base = { year: 2990, country: 'RU', source: 'Test Decree No. 7 of 01.09.2989', provisional: false, days: [] } as const;
const refused = (year: unknown) => errorOf(() => createCalendar([year as CalendarYear]));

describe('a refused calendar year says what to fix', () => {
  it.each([
    ['a year that is not an object', 'nope', 'invalid_calendar', 'calendar year #1 must be an object {year, country, source, provisional, days}'],
    ['a year out of range', { ...base, year: 3000 }, 'calendar_invalid_year', 'calendar year #1: "year" must be an integer between 1900 and 2999, got 3000'],
    ['a fractional year', { ...base, year: 2990.5 }, 'calendar_invalid_year', 'calendar year #1: "year" must be an integer between 1900 and 2999, got 2990.5'],
    ['a year before 1900', { ...base, year: 1899 }, 'calendar_invalid_year', 'calendar year #1: "year" must be an integer between 1900 and 2999, got 1899'],
    ['another country', { ...base, country: 'KZ' }, 'calendar_invalid_country', 'ru-2990: "country" must be "RU", got "KZ"'],
    ['a blank source', { ...base, source: '  ' }, 'calendar_invalid_field', 'ru-2990: "source" must name the decree (non-empty string)'],
    ['a source that is no string', { ...base, source: 7 }, 'calendar_invalid_field', 'ru-2990: "source" must name the decree (non-empty string)'],
    ['provisional that is no boolean', { ...base, provisional: 'no' }, 'calendar_invalid_field', 'ru-2990: "provisional" must be true or false'],
    ['days that are no array', { ...base, days: {} }, 'calendar_invalid_field', 'ru-2990: "days" must be an array'],
    ['a day that is no object', { ...base, days: ['2990-03-08'] }, 'calendar_invalid_field', 'ru-2990: every entry of "days" must be an object'],
    ['a day that is null', { ...base, days: [null] }, 'calendar_invalid_field', 'ru-2990: every entry of "days" must be an object'],
    ['an impossible date', { ...base, days: [{ date: '2990-02-29', status: 'nonworking', kind: 'holiday' }] }, 'calendar_invalid_date', 'ru-2990: "2990-02-29" is not a valid YYYY-MM-DD date'],
    ['a date that is no string', { ...base, days: [{ date: 2990, status: 'nonworking', kind: 'holiday' }] }, 'calendar_invalid_date', 'ru-2990: 2990 is not a valid YYYY-MM-DD date'],
    ['a day listed twice', { ...base, days: [{ date: '2990-03-08', status: 'nonworking', kind: 'holiday' }, { date: '2990-03-08', status: 'nonworking', kind: 'holiday' }] }, 'calendar_duplicate_date', 'ru-2990: 2990-03-08 is listed twice; keep one entry'],
    ['an unknown status', { ...base, days: [{ date: '2990-03-08', status: 'off', kind: 'holiday' }] }, 'calendar_invalid_status', 'ru-2990: 2990-03-08 has status "off"; use "working" or "nonworking"'],
    ['a kind of the other status', { ...base, days: [{ date: '2990-03-08', status: 'nonworking', kind: 'working_weekend' }] }, 'calendar_invalid_kind', 'ru-2990: 2990-03-08 (nonworking) has kind "working_weekend"; use one of holiday, transferred_day_off'],
    ['a working kind unknown', { ...base, days: [{ date: '2990-03-08', status: 'working', kind: 'holiday' }] }, 'calendar_invalid_kind', 'ru-2990: 2990-03-08 (working) has kind "holiday"; use one of working_weekend, working_weekend_shortened, shortened_preholiday'],
    // 2990-03-08 is a Monday, 2990-03-06 a Saturday.
    ['a working weekend on a weekday', { ...base, days: [{ date: '2990-03-08', status: 'working', kind: 'working_weekend' }] }, 'calendar_invalid_kind', 'ru-2990: 2990-03-08 has kind "working_weekend", which must fall on a Saturday or Sunday'],
    ['a shortened weekend day on a weekday', { ...base, days: [{ date: '2990-03-08', status: 'working', kind: 'working_weekend_shortened' }] }, 'calendar_invalid_kind', 'ru-2990: 2990-03-08 has kind "working_weekend_shortened", which must fall on a Saturday or Sunday'],
    ['a shortened weekday on a Saturday', { ...base, days: [{ date: '2990-03-06', status: 'working', kind: 'shortened_preholiday' }] }, 'calendar_invalid_kind', 'ru-2990: 2990-03-06 has kind "shortened_preholiday", which must fall on a weekday (use working_weekend_shortened for a Saturday)'],
    ['a note that is no string', { ...base, days: [{ date: '2990-03-08', status: 'nonworking', kind: 'holiday', note: 1 }] }, 'calendar_invalid_field', 'ru-2990: 2990-03-08 "note" must be a string'],
  ])('%s', (_what, year, code, message) => {
    expect(refused(year)).toMatchObject({ code, message });
  });

  it('accepts a working Saturday and a shortened Saturday as working weekend days, and keeps the note', () => {
    const calendar = createCalendar([{ ...base, days: [
      { date: '2990-03-06', status: 'working', kind: 'working_weekend_shortened', note: 'decree p.1' },
      { date: '2990-03-13', status: 'working', kind: 'working_weekend' },
      { date: '2990-03-05', status: 'working', kind: 'shortened_preholiday' },
    ] }]);
    expect(calendar.isWorkingDay('2990-03-06')).toBe(true);
    expect(calendar.isWorkingDay('2990-03-13')).toBe(true);
    expect(calendar.years[0]!.days.map((d) => d.date)).toEqual(['2990-03-05', '2990-03-06', '2990-03-13']);
    expect(calendar.years[0]!.days[1]).toEqual({ date: '2990-03-06', status: 'working', kind: 'working_weekend_shortened', note: 'decree p.1' });
    expect(calendar.years[0]!.days[2]).toEqual({ date: '2990-03-13', status: 'working', kind: 'working_weekend' });
  });

  it('numbers the refused year in a list, and refuses a list that is no array', () => {
    expect(errorOf(() => validateCalendarYears([base, { ...base, year: 2991, country: 'RU', days: 5 }, null]))).toMatchObject({ message: 'ru-2991: "days" must be an array' });
    expect(errorOf(() => validateCalendarYears([base, 'x']))).toMatchObject({ message: expect.stringMatching(/^calendar year #2 must be an object/) });
    expect(errorOf(() => validateCalendarYears({ years: [] }))).toMatchObject({ code: 'invalid_calendar', message: 'calendar years must be an array of {year, country, source, provisional, days}' });
    expect(validateCalendarYears([{ ...base, year: 2991 }, base]).map((y) => y.year)).toEqual([2990, 2991]);
  });

  it('refuses an override for a year twice', () => {
    expect(errorOf(() => withOverrides(builtInCalendar(), [base, base]))).toMatchObject({ code: 'calendar_duplicate_year', message: 'ru-2990 is given twice; pass each year once' });
  });
});

describe('a refused import names the decree or transfer to fix', () => {
  const year = (over: Record<string, unknown> = {}) => ({
    year: 2990, country: 'RU', decree: { number: '7', date: '2989-09-01' },
    days: [{ date: '2990-03-08', status: 'nonworking', kind: 'transferred_day_off' }], transfers: [{ from: '2990-03-06', to: '2990-03-08' }], ...over,
  });

  it('reads a valid year: the source is built from the decree, with zero-padded day and month', () => {
    const imported = parseCalendarImport(year());
    expect(imported).toMatchObject({ source: 'Government Decree No. 7 of 01.09.2989', provisional: false, decree: { number: '7', date: '2989-09-01' } });
    expect(imported.transfers).toEqual([{ from: '2990-03-06', to: '2990-03-08' }]);
    expect(parseCalendarImport(year({ decree: { number: '1466', date: '2990-01-15' }, provisional: false })).source).toBe('Government Decree No. 1466 of 15.01.2990');
  });

  it.each([
    ['not an object', [], 'invalid_calendar', 'the file must hold one JSON object {year, country, decree, days, transfers}'],
    ['null', null, 'invalid_calendar', 'the file must hold one JSON object {year, country, decree, days, transfers}'],
    ['a provisional year', year({ provisional: true }), 'calendar_not_official', 'ru-2990: only an official year (a published decree) is imported; remove "provisional" or set it to false'],
    ['a decree number with letters', year({ decree: { number: 'No. 7', date: '2989-09-01' } }), 'calendar_invalid_decree', 'ru-2990: "decree.number" must be the decree\'s number as digits in a string, e.g. "1466"; got "No. 7"'],
    ['a decree number too long', year({ decree: { number: '1234567', date: '2989-09-01' } }), 'calendar_invalid_decree', 'ru-2990: "decree.number" must be the decree\'s number as digits in a string, e.g. "1466"; got "1234567"'],
    ['a decree without a date', year({ decree: { number: '7' } }), 'calendar_invalid_decree', 'ru-2990: "decree.date" must be the decree\'s date as YYYY-MM-DD; got undefined'],
    ['a decree of another year', year({ decree: { number: '7', date: '2991-01-10' } }), 'calendar_invalid_decree', 'ru-2990: "decree.date" 2991-01-10 is not in 2989 or 2990; check the decree is the one for 2990'],
    ['a source that contradicts the decree', year({ source: 'Decree No. 8' }), 'calendar_invalid_decree', 'ru-2990: "source" "Decree No. 8" does not match the decree; remove "source" (it is built from "decree": "Government Decree No. 7 of 01.09.2989")'],
    ['transfers that are no array', year({ transfers: undefined }), 'calendar_invalid_transfer', 'ru-2990: "transfers" must be an array of {from, to} (an empty array when the decree moves nothing)'],
    ['a transfer from a weekday', year({ transfers: [{ from: '2990-03-05', to: '2990-03-08' }] }), 'calendar_invalid_transfer', 'ru-2990: transfer from "2990-03-05": "from" must be a Saturday or Sunday as YYYY-MM-DD (the weekend day the decree moves)'],
    ['a transfer to a day not listed as moved', year({ transfers: [{ from: '2990-03-06', to: '2990-03-09' }] }), 'calendar_invalid_transfer', 'ru-2990: transfer 2990-03-06 → "2990-03-09": "to" must be listed in "days" as {"status": "nonworking", "kind": "transferred_day_off"}'],
    ['two transfers to one day', year({ transfers: [{ from: '2990-03-06', to: '2990-03-08' }, { from: '2990-03-07', to: '2990-03-08' }] }), 'calendar_invalid_transfer', 'ru-2990: two transfers end on 2990-03-08; each day off comes from one weekend day'],
    ['a transferred day off without its transfer', year({ transfers: [] }), 'calendar_invalid_transfer', 'ru-2990: 2990-03-08 is a transferred_day_off but no transfer ends there; add {"from": "<the weekend day>", "to": "2990-03-08"}'],
  ])('%s', (_what, input, code, message) => {
    expect(errorOf(() => parseCalendarImport(input))).toMatchObject({ code, message });
  });

  it('refuses a weekend day moved twice, and a working Saturday whose rest moved nowhere', () => {
    const twice = year({
      days: [{ date: '2990-03-08', status: 'nonworking', kind: 'transferred_day_off' }, { date: '2990-03-09', status: 'nonworking', kind: 'transferred_day_off' }],
      transfers: [{ from: '2990-03-06', to: '2990-03-08' }, { from: '2990-03-06', to: '2990-03-09' }],
    });
    expect(errorOf(() => parseCalendarImport(twice))).toMatchObject({ code: 'calendar_invalid_transfer', message: 'ru-2990: 2990-03-06 is moved twice; keep one transfer' });
    const saturday = year({ days: [...year().days, { date: '2990-03-13', status: 'working', kind: 'working_weekend_shortened' }] });
    expect(errorOf(() => parseCalendarImport(saturday))).toMatchObject({
      code: 'calendar_invalid_transfer',
      message: 'ru-2990: 2990-03-13 is a working weekend day but no transfer starts there; add {"from": "2990-03-13", "to": "<the weekday off>"}',
    });
  });
});
