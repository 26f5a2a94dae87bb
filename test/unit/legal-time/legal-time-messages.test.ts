// The messages and small contracts of legal time that reach an operator or an API client: error codes with what
// to fix (API 4xx bodies, CLI output), the calendar warning (/health, logs), the conflict report of a policy.
import { describe, expect, it } from 'vitest';
import {
  builtInCalendar, calendarStatus, computeDeadline, createCalendar, isLegalTimeError, isRuleId, LegalTimeError, ruleById, RULE_IDS,
  splitPromisedTerms, validateInternalTerms,
} from '../../../domain/legal-time';
import { errorOf } from './error-of';

const calendar = builtInCalendar();

describe('legal-time errors', () => {
  it('carry a stable code, serialise as {code, message}, and are recognised as such', () => {
    const e = new LegalTimeError('invalid_n', 'n must be whole');
    expect(e).toBeInstanceOf(Error);
    expect(e.name).toBe('LegalTimeError');
    expect(JSON.parse(JSON.stringify(e))).toEqual({ code: 'invalid_n', message: 'n must be whole' });
    expect(isLegalTimeError(e)).toBe(true);
    expect(isLegalTimeError(new Error('n must be whole'))).toBe(false);
  });

  it('name the rule asked for and every valid rule', () => {
    expect(errorOf(() => ruleById('acess'))).toMatchObject({ code: 'unknown_rule', message: `unknown rule "acess"; valid rules: ${RULE_IDS.join(', ')}` });
    expect(ruleById('access').id).toBe('access');
    expect(isRuleId('access')).toBe(true);
    expect(isRuleId('toString')).toBe(false);
    expect(isRuleId(1)).toBe(false);
  });

  it('say what a day 0 must look like, and which zone to use', () => {
    expect(errorOf(() => computeDeadline({ rule: 'access', from: '24.10.2025' }, { calendar })).message).toBe(
      'from "24.10.2025" is neither a date YYYY-MM-DD nor an ISO-8601 instant with an offset ' +
        '(e.g. 2025-10-24 or 2025-10-24T18:00:00+03:00 or 2025-10-24T15:00:00Z), years 1900–2999',
    );
    expect(errorOf(() => computeDeadline({ rule: 'access', from: '2025-10-24' }, { calendar, timeZone: 'Mars/Olympus' })).message)
      .toBe('"Mars/Olympus" is not an IANA time zone; use e.g. "Europe/Moscow"');
    expect(errorOf(() => computeDeadline({ rule: 'access', from: '2025-10-24' }, { calendar, timeZone: '' }))).toMatchObject({
      code: 'invalid_time_zone', message: 'timeZone must be a non-empty IANA zone name, e.g. "Europe/Moscow"',
    });
    expect(errorOf(() => computeDeadline({ rule: 'access', from: '2006-12-31' }, { calendar })).message).toBe(
      'from "2006-12-31" is before 2007-01-26, when 152-FZ entered into force: no statutory term can start earlier; check the date of receipt',
    );
    expect(errorOf(() => computeDeadline({ rule: 'incident_initial', from: '2025-10-24' }, { calendar })).message).toBe(
      'rule "incident_initial" counts hours from the exact instant: pass from as an ISO-8601 instant with an offset, e.g. 2025-10-24T18:00:00+03:00',
    );
  });

  it('refuse an internal term that is malformed or longer than the statute, saying what to configure', () => {
    expect(errorOf(() => validateInternalTerms({ access: { n: 'five' } })).message).toBe(
      'internal term for "access" must be {"n": <integer ≥ 0>} in working_days, got {"n":"five"}',
    );
    expect(errorOf(() => validateInternalTerms({ access: { n: 11 } })).message).toBe(
      'internal term for "access" is 11 working_days, longer than the statutory maximum of 10 working_days (152-FZ art. 14 p.3, art. 20 p.1); configure at most 10',
    );
    expect(errorOf(() => validateInternalTerms([])).message).toBe('internal terms must be an object like {"access": {"n": 5}}');
    expect(errorOf(() => validateInternalTerms({ acess: { n: 1 } })).message).toBe(`internal terms name unknown rule "acess"; valid rules: ${RULE_IDS.join(', ')}`);
    expect(errorOf(() => validateInternalTerms({ access: null })).message).toBe('internal term for "access" must be {"n": <integer ≥ 0>} in working_days, got null');
    expect(validateInternalTerms({ access: { n: 0 }, demand_cease: { n: 10 } })).toEqual({ access: { n: 0 }, demand_cease: { n: 10 } });
    expect(splitPromisedTerms({ access: { n: 0, unit: 'working_days', clause: '§2' } }).applied).toEqual({ access: { n: 0 } });
  });
});

describe('a policy\'s promised terms', () => {
  it('report a longer promise with both terms in words, and apply the statute', () => {
    const { conflicts, applied } = splitPromisedTerms({ consent_withdrawn: { n: 45, unit: 'calendar_days', clause: '§7' } });
    expect(applied).toEqual({ consent_withdrawn: { n: 30 } });
    expect(conflicts[0]!.message).toBe(
      'policy §7 promises "consent_withdrawn" in 45 calendar_days, no extension, beyond the statute\'s 30 calendar_days, no extension ' +
        '(152-FZ art. 21 p.5); the statutory term is applied',
    );
  });

  it('accept a promise equal to the statute with the statute\'s own extension, skip absent ones, and refuse bad ones', () => {
    expect(splitPromisedTerms({ access: { n: 10, unit: 'working_days', clause: '§1', extension: { n: 5 } }, demand_cease: undefined }))
      .toEqual({ applied: { access: { n: 10 } }, conflicts: [] });
    expect(splitPromisedTerms({ access: { n: 10, unit: 'working_days', clause: '§1', extension: { n: 6 } } }).conflicts[0]!.message)
      .toContain('in 10 working_days (+6 working_days), beyond the statute\'s 10 working_days (+5 working_days)');
    expect(errorOf(() => splitPromisedTerms({ acess: { n: 1, unit: 'working_days', clause: '§1' } } as never)))
      .toMatchObject({ code: 'unknown_rule', message: 'promised term for unknown rule "acess"' });
    expect(errorOf(() => splitPromisedTerms({ access: { n: -1, unit: 'working_days', clause: '§1' } })))
      .toMatchObject({ code: 'invalid_internal_term', message: 'promised term for "access" must be a whole number ≥ 0, got -1' });
    expect(errorOf(() => splitPromisedTerms({ access: { n: 1.5, unit: 'working_days', clause: '§1' } })).code).toBe('invalid_internal_term');
    expect(errorOf(() => splitPromisedTerms({ consent_withdrawn: { n: 20, unit: 'working_days', clause: '§1' } })).message)
      .toBe('promised term for "consent_withdrawn" is in working_days; state it in calendar_days, the statute\'s unit');
  });
});

describe('the calendar warning', () => {
  const year = (y: number, provisional: boolean) => ({ year: y, country: 'RU' as const, source: provisional ? 'projection' : `Test Decree No. ${y} of 01.09.${y - 1}`, provisional, days: [] });
  const official = createCalendar([year(2990, false), year(2991, true)]);

  it('says when the official calendar ends, how many days are left, and which decree to import', () => {
    expect(calendarStatus(official, '2990-12-01').message).toBe(
      'The official production calendar ends on 2990-12-31, in 30 day(s): import the 2991 decree with `dsar calendar import` when it is published.',
    );
    expect(calendarStatus(official, '2990-12-31')).toMatchObject({ daysLeft: 0, warning: true });
    expect(calendarStatus(official, '2991-01-01').message).toBe(
      'The official production calendar ended on 2990-12-31, 1 day(s) ago: terms are counted on a projection or the statutory base. Import the 2991 decree with `dsar calendar import`.',
    );
  });

  it('without an official year, says terms are counted on the statutory base', () => {
    const s = calendarStatus(createCalendar([year(2991, true)]), '2991-05-01');
    expect(s).toMatchObject({ lastOfficialYear: null, officialUntil: null, daysLeft: null, warning: true, provisional: [2991], years: [2991] });
    expect(s.message).toBe('No official production-calendar year is loaded: terms are counted on the statutory base. Import the decree with `dsar calendar import`.');
  });
});
