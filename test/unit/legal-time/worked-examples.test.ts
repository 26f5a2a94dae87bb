// Every worked example of shared/reference/152-fz.md ("Counting"), exactly.
import { describe, expect, it } from 'vitest';
import { builtInCalendar, computeDeadline } from '../../../domain/legal-time';

const calendar = builtInCalendar();

interface Example {
  rule: string;
  from: string;
  due: string;
  dueAt: string;
  extendedDue?: string;
  extendedDueAt?: string;
  provisional?: boolean;
}

const examples: Example[] = [
  { rule: 'access', from: '2025-10-24', due: '2025-11-10', dueAt: '2025-11-11T00:00:00+03:00', extendedDue: '2025-11-17', extendedDueAt: '2025-11-18T00:00:00+03:00' },
  { rule: 'access', from: '2025-12-26', due: '2026-01-21', dueAt: '2026-01-22T00:00:00+03:00', extendedDue: '2026-01-28', extendedDueAt: '2026-01-29T00:00:00+03:00' },
  { rule: 'access', from: '2024-12-27', due: '2025-01-21', dueAt: '2025-01-22T00:00:00+03:00', extendedDue: '2025-01-28', extendedDueAt: '2025-01-29T00:00:00+03:00' },
  { rule: 'access', from: '2025-10-23T22:30:00Z', due: '2025-11-10', dueAt: '2025-11-11T00:00:00+03:00', extendedDue: '2025-11-17', extendedDueAt: '2025-11-18T00:00:00+03:00' },
  { rule: 'rectify_on_evidence', from: '2026-04-30', due: '2026-05-13', dueAt: '2026-05-14T00:00:00+03:00' },
  { rule: 'cease_unlawful', from: '2026-12-30', due: '2027-01-13', dueAt: '2027-01-14T00:00:00+03:00', provisional: true },
  { rule: 'consent_withdrawn', from: '2025-12-01', due: '2026-01-12', dueAt: '2026-01-13T00:00:00+03:00' },
  { rule: 'purpose_achieved', from: '2026-04-01', due: '2026-05-04', dueAt: '2026-05-05T00:00:00+03:00' },
  { rule: 'demand_cease', from: '2026-05-06', due: '2026-05-21', dueAt: '2026-05-22T00:00:00+03:00', extendedDue: '2026-05-28', extendedDueAt: '2026-05-29T00:00:00+03:00' },
  { rule: 'destroy_fallback', from: '2025-08-31', due: '2026-03-02', dueAt: '2026-03-03T00:00:00+03:00' },
  { rule: 'incident_initial', from: '2025-10-24T18:00:00+03:00', due: '2025-10-25', dueAt: '2025-10-25T18:00:00+03:00' },
  { rule: 'incident_results', from: '2025-10-24T18:00:00+03:00', due: '2025-10-27', dueAt: '2025-10-27T18:00:00+03:00' },
];

describe('152-fz.md worked examples', () => {
  it.each(examples)('$rule from $from → $due', (ex) => {
    const result = computeDeadline({ rule: ex.rule, from: ex.from }, { calendar });
    expect(result.due).toBe(ex.due);
    expect(result.dueAt).toBe(ex.dueAt);
    expect(result.extendedDue).toBe(ex.extendedDue);
    expect(result.extendedDueAt).toBe(ex.extendedDueAt);
    expect(result.provisional).toBe(ex.provisional ?? false);
    expect(result.from).toBe(ex.from);
  });

  it('returns exactly the documented keys, in a stable order', () => {
    const result = computeDeadline({ rule: 'access', from: '2025-10-24' }, { calendar, internalTerms: { access: { n: 5 } } });
    expect(Object.keys(result)).toEqual([
      'rule', 'from', 'due', 'dueAt', 'extendedDue', 'extendedDueAt', 'unit', 'n', 'basis', 'calendarVersion', 'provisional', 'internal',
    ]);
    expect(JSON.parse(JSON.stringify(result))).toEqual(result);
  });

  it('has no extension keys for a rule that cannot be extended', () => {
    const result = computeDeadline({ rule: 'rectify_on_evidence', from: '2026-04-30' }, { calendar });
    expect(Object.keys(result)).toEqual(['rule', 'from', 'due', 'dueAt', 'unit', 'n', 'basis', 'calendarVersion', 'provisional']);
  });
});
