import { describe, expect, it } from 'vitest';
import { builtInCalendar, computeDeadline, splitPromisedTerms } from '../../../domain/legal-time';
import { errorOf } from './error-of';

describe('promised terms against the statute', () => {
  it('applies shorter and equal promises as internal terms, without conflicts', () => {
    const { applied, conflicts } = splitPromisedTerms({
      access: { n: 5, unit: 'working_days', clause: '§4.1' },
      consent_withdrawn: { n: 30, unit: 'calendar_days', clause: '§4.2' },
      demand_cease: { n: 10, unit: 'working_days', clause: '§4.3', extension: { n: 5 } },
    });
    expect(applied).toEqual({ access: { n: 5 }, consent_withdrawn: { n: 30 }, demand_cease: { n: 10 } });
    expect(conflicts).toEqual([]);
    const r = computeDeadline({ rule: 'access', from: '2025-10-24' }, { calendar: builtInCalendar(), internalTerms: applied });
    expect(r).toMatchObject({ due: '2025-11-10', internal: { n: 5, due: '2025-10-31' } });
  });

  it('applies a longer promise as the statute and reports it with the rule, the clause and both terms', () => {
    const { applied, conflicts } = splitPromisedTerms({
      destroy_on_evidence: { n: 10, unit: 'working_days', clause: '§9.5', extension: { n: 5 } },
    });
    expect(applied).toEqual({ destroy_on_evidence: { n: 7 } });
    expect(conflicts).toEqual([{
      rule: 'destroy_on_evidence', clause: '§9.5',
      promised: { n: 10, unit: 'working_days', extension: 5 },
      statutory: { n: 7, unit: 'working_days', extension: null, basis: '152-FZ art. 20 p.3' },
      applied: { n: 7, unit: 'working_days' },
      message: expect.stringContaining('policy §9.5 promises "destroy_on_evidence" in 10 working_days (+5 working_days)'),
    }]);
  });

  it('reports an extension the statute does not give, or a longer one, even when the term itself is not longer', () => {
    const { applied, conflicts } = splitPromisedTerms({
      rectify_on_evidence: { n: 7, unit: 'working_days', clause: '§8.6', extension: { n: 3 } },
      access: { n: 10, unit: 'working_days', clause: '§9.2', extension: { n: 10 } },
      access_refusal: { n: 10, unit: 'working_days', clause: '§9.3', extension: { n: 5 } },
    });
    expect(applied).toEqual({ rectify_on_evidence: { n: 7 }, access: { n: 10 }, access_refusal: { n: 10 } });
    expect(conflicts.map((c) => [c.rule, c.clause])).toEqual([['rectify_on_evidence', '§8.6'], ['access', '§9.2']]);
  });

  it('refuses a promise not stated in the statute\'s unit, which cannot be compared without the calendar', () => {
    const error = errorOf(() => splitPromisedTerms({ consent_withdrawn: { n: 20, unit: 'working_days', clause: '§1' } }));
    expect(error.code).toBe('invalid_internal_term');
    expect(error.message).toContain('state it in calendar_days');
  });
});
