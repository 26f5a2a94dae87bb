import { describe, expect, it } from 'vitest';
import { builtInCalendar, computeDeadline, RULE_IDS, RULES, withOverrides } from '../../../domain/legal-time';
import { errorOf } from './error-of';

const calendar = builtInCalendar();
const due = (rule: string, from: string, timeZone?: string) => computeDeadline({ rule, from }, { calendar, timeZone });

describe('day 0', () => {
  it('on a holiday still counts as day 0', () => {
    expect(due('access', '2026-01-01').due).toBe('2026-01-23');
  });

  it('on a weekend gives the same due date as the Friday before', () => {
    expect(due('access', '2025-10-25').due).toBe('2025-11-10');
    expect(due('access', '2025-10-26').due).toBe('2025-11-10');
  });

  it('on a working Saturday counts from the next day', () => {
    expect(due('access', '2025-11-01')).toMatchObject({ due: '2025-11-18', extendedDue: '2025-11-25' });
  });

  it('is the Moscow date of an instant, not the UTC date', () => {
    expect(due('access', '2025-10-23T22:30:00Z').due).toBe('2025-11-10'); // 01:30 on 24.10 in Moscow
    expect(due('access', '2025-10-23T20:59:59Z').due).toBe('2025-11-07'); // 23:59:59 on 23.10 in Moscow
    expect(due('access', '2025-10-24T01:30:00+03:00').due).toBe('2025-11-10');
  });

  it('follows the operator time zone option', () => {
    const result = due('access', '2025-10-24T15:00:00Z', 'Asia/Vladivostok'); // 01:00 on Sat 25.10 there
    expect(result).toMatchObject({ due: '2025-11-10', dueAt: '2025-11-11T00:00:00+10:00' });
  });
});

describe('year boundaries and calendar / month terms', () => {
  it.each([
    ['consent_withdrawn', '2026-12-01', '2027-01-11', true],
    ['purpose_achieved', '2024-12-01', '2025-01-09', false],
    ['access', '2025-12-30', '2026-01-23', false],
    ['destroy_fallback', '2026-08-31', '2027-03-01', true],
    ['destroy_fallback', '2024-08-31', '2025-02-28', false],
    ['destroy_fallback', '2024-02-29', '2024-08-29', false],
    ['repeat_request_min_interval', '2025-10-01', '2025-10-31', false],
    ['repeat_request_min_interval', '2025-10-04', '2025-11-03', false],
    ['repeat_request_min_interval', '2027-01-15', '2027-02-14', false],
    ['cease_unlawful', '2023-12-29', '2024-01-11', true],
  ])('%s from %s → %s (provisional %s)', (rule, from, expected, provisional) => {
    expect(due(rule, from)).toMatchObject({ due: expected, provisional });
  });

  it('a 2027 result is provisional, a 2026 one is not', () => {
    expect(due('access', '2027-03-01').provisional).toBe(true);
    expect(due('access', '2026-03-02').provisional).toBe(false);
  });
});

describe('hour and immediate terms', () => {
  it('run round the clock across DST, rendered in operator time', () => {
    const result = due('incident_initial', '2025-03-29T12:00:00+01:00', 'Europe/Berlin');
    expect(result).toMatchObject({ due: '2025-03-30', dueAt: '2025-03-30T13:00:00+02:00', provisional: false });
  });

  it('keep milliseconds and convert the input offset to operator time', () => {
    expect(due('incident_initial', '2025-10-24T15:00:00.5Z').dueAt).toBe('2025-10-25T18:00:00.500+03:00');
    expect(due('incident_results', '2025-12-31T23:30:00+03:00')).toMatchObject({ due: '2026-01-03', dueAt: '2026-01-03T23:30:00+03:00' });
  });

  it('refuse a bare date', () => {
    const error = errorOf(() => due('incident_initial', '2025-10-24'));
    expect(error.code).toBe('instant_required');
    expect(error.message).toMatch(/instant with an offset/);
  });

  it('block_on_report is due by 24:00 of day 0 in operator time, from an instant or a date', () => {
    const fromInstant = due('block_on_report', '2025-10-23T22:30:00Z'); // 01:30 on 24.10 in Moscow
    expect(fromInstant).toMatchObject({ due: '2025-10-24', dueAt: '2025-10-25T00:00:00+03:00', unit: 'immediate', n: 0, provisional: false });
    expect(due('block_on_report', '2025-10-24')).toMatchObject({ due: '2025-10-24', dueAt: '2025-10-25T00:00:00+03:00' });
    expect(due('block_on_report', '2025-10-24T23:59:59+03:00').dueAt).toBe('2025-10-25T00:00:00+03:00');
    expect(due('block_on_report', '2025-10-24T15:00:00Z', 'Asia/Vladivostok')).toMatchObject({ due: '2025-10-25', dueAt: '2025-10-26T00:00:00+10:00' });
  });

  it('block_on_report ignores the calendar: a holiday day 0 in a provisional year is neither shifted nor provisional', () => {
    expect(due('block_on_report', '2027-01-01')).toMatchObject({ due: '2027-01-01', dueAt: '2027-01-02T00:00:00+03:00', provisional: false });
  });
});

describe('repeat_request_min_interval (a minimum interval, not a term to act by)', () => {
  it('ends on day 0 + 30 with no art. 193 shift; dueAt is the start of that day', () => {
    // 01.05.2026 is a holiday: a shift to 04.05 would let the operator refuse a repeat request three days longer.
    expect(due('repeat_request_min_interval', '2026-04-01')).toMatchObject({
      due: '2026-05-01', dueAt: '2026-05-01T00:00:00+03:00', unit: 'calendar_days_min_interval', n: 30, provisional: false,
    });
  });

  it('counts from the operator-local date of an instant and is never provisional', () => {
    expect(due('repeat_request_min_interval', '2026-12-15T21:30:00Z')).toMatchObject({
      due: '2027-01-15', dueAt: '2027-01-15T00:00:00+03:00', provisional: false,
    });
  });
});

describe('dueAt in zones with DST', () => {
  it('is the first instant of the next day even when midnight is skipped', () => {
    // Santiago skips 00:00–01:00 on 2025-09-07; make Sat 06.09 a working day so a term can end on it.
    const y2025 = calendar.years.find((y) => y.year === 2025);
    if (!y2025) throw new Error('2025 missing');
    const workingSaturday = { date: '2025-09-06', status: 'working', kind: 'working_weekend' } as const;
    const custom = withOverrides(calendar, [{ ...y2025, days: [...y2025.days, workingSaturday] }]);
    const result = computeDeadline({ rule: 'cease_unlawful', from: '2025-09-03' }, { calendar: custom, timeZone: 'America/Santiago' });
    expect(result).toMatchObject({ due: '2025-09-06', dueAt: '2025-09-07T01:00:00-03:00' });
  });
});

describe('rules table', () => {
  it('has the 15 ids and extension only on the four extendable rules', () => {
    expect(RULE_IDS).toHaveLength(15);
    const extendable = RULE_IDS.filter((id) => RULES[id].extension !== null);
    expect(extendable).toEqual(['access', 'access_refusal', 'demand_cease', 'rkn_request']);
    expect(RULES.access.basis).toBe('152-FZ art. 14 p.3, art. 20 p.1');
  });
});

describe('bad input', () => {
  it.each([
    ['unknown_rule', 'acess', '2025-10-24'],
    ['invalid_from', 'access', '2025-10-24T18:00:00'],
    ['invalid_from', 'access', '24.10.2025'],
    ['invalid_from', 'access', '2025-02-30'],
    ['invalid_from', 'access', '2025-10-24T25:00:00Z'],
    ['invalid_from', 'access', '2025-10-24T18:00:00+3:00'],
    ['invalid_from', 'access', ''],
    ['invalid_from', 'access', '3025-01-01'],
  ])('%s for rule %s from %s', (code, rule, from) => {
    expect(errorOf(() => due(rule, from)).code).toBe(code);
  });

  it('unknown_rule lists the valid ids', () => {
    expect(errorOf(() => due('acess', '2025-10-24')).message).toContain(RULE_IDS.join(', '));
  });

  it('refuses a non-string from and an unknown time zone', () => {
    expect(errorOf(() => computeDeadline({ rule: 'access', from: 20251024 as unknown as string }, { calendar })).code).toBe('invalid_from');
    expect(errorOf(() => due('access', '2025-10-24', 'Mars/Olympus')).code).toBe('invalid_time_zone');
  });
});

describe('receipts before 152-FZ existed', () => {
  it('refuses day 0 before 26.01.2007 (entry into force) with before_law, for dates and instants', () => {
    for (const from of ['1900-01-01T00:00:00Z', '2007-01-25', '2007-01-25T20:59:59Z']) {
      expect(errorOf(() => computeDeadline({ rule: 'access', from }, { calendar })).code, from).toBe('before_law');
    }
    expect(computeDeadline({ rule: 'access', from: '2007-01-25T21:00:00Z' }, { calendar }).from).toBe('2007-01-25T21:00:00Z');
    expect(computeDeadline({ rule: 'access', from: '2007-01-26' }, { calendar }).dueAt).toMatch(/\+03:00$/);
  });
});
