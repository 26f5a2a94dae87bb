import { describe, expect, it } from 'vitest';
import { builtInCalendar, computeDeadline, validateInternalTerms } from '../../../domain/legal-time';
import { errorOf } from './error-of';

const calendar = builtInCalendar();

describe('internal (stricter) terms', () => {
  it('accepts shorter and equal terms', () => {
    expect(validateInternalTerms({ access: { n: 5 }, demand_cease: { n: 10 }, incident_initial: { n: 12 } })).toEqual({
      access: { n: 5 }, demand_cease: { n: 10 }, incident_initial: { n: 12 },
    });
  });

  it('refuses a longer term, naming the rule and the statutory maximum', () => {
    const error = errorOf(() => validateInternalTerms({ access: { n: 12 } }));
    expect(error.code).toBe('internal_term_longer_than_statute');
    expect(error.message).toContain('"access"');
    expect(error.message).toContain('statutory maximum of 10 working_days');
  });

  it('refuses unknown rules and malformed terms', () => {
    expect(errorOf(() => validateInternalTerms({ acess: { n: 1 } })).code).toBe('unknown_rule');
    expect(errorOf(() => validateInternalTerms({ access: { n: -1 } })).code).toBe('invalid_internal_term');
    expect(errorOf(() => validateInternalTerms({ access: { n: 2.5 } })).code).toBe('invalid_internal_term');
    expect(errorOf(() => validateInternalTerms({ access: 5 })).code).toBe('invalid_internal_term');
    expect(errorOf(() => validateInternalTerms(null)).code).toBe('invalid_internal_term');
  });

  it('reports the internal due date next to the statutory one', () => {
    const result = computeDeadline({ rule: 'access', from: '2025-10-24' }, { calendar, internalTerms: { access: { n: 5 } } });
    expect(result).toMatchObject({ due: '2025-11-10', extendedDue: '2025-11-17' });
    expect(result.internal).toEqual({ n: 5, due: '2025-10-31', dueAt: '2025-11-01T00:00:00+03:00' });
  });

  it('works for hour and calendar-day rules, and is absent for rules without one', () => {
    const internalTerms = { incident_initial: { n: 12 }, consent_withdrawn: { n: 20 } };
    const incident = computeDeadline({ rule: 'incident_initial', from: '2025-10-24T18:00:00+03:00' }, { calendar, internalTerms });
    expect(incident.internal).toEqual({ n: 12, due: '2025-10-25', dueAt: '2025-10-25T06:00:00+03:00' });
    const consent = computeDeadline({ rule: 'consent_withdrawn', from: '2025-12-01' }, { calendar, internalTerms });
    expect(consent.internal).toEqual({ n: 20, due: '2025-12-22', dueAt: '2025-12-23T00:00:00+03:00' });
    expect(computeDeadline({ rule: 'access', from: '2025-10-24' }, { calendar, internalTerms })).not.toHaveProperty('internal');
  });

  it('refuses a longer term passed straight to computeDeadline', () => {
    const internalTerms = { access: { n: 11 } };
    expect(errorOf(() => computeDeadline({ rule: 'access', from: '2025-10-24' }, { calendar, internalTerms })).code).toBe(
      'internal_term_longer_than_statute',
    );
  });
});
