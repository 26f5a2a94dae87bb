import { describe, expect, it } from 'vitest';
import { extendTerm, planTerm } from '../../../domain/case/terms';
import { builtInCalendar } from '../../../domain/legal-time';

const ctx = { calendar: builtInCalendar(), timeZone: 'Europe/Moscow' };
const receivedAt = '2027-03-01T11:00:00+03:00';
const term = planTerm('answer', 'access', receivedAt, ctx, receivedAt);

describe('extending a term', () => {
  it('plans the extended schedule from the moment of the extension: nothing already past is sent at once', () => {
    // Extended the day before the original due date: the extended term's half-way point is already behind.
    const extendedAt = `${term.deadline.due}T10:00:00+03:00`;
    const early = extendTerm(term, ctx, receivedAt).reminders;
    const late = extendTerm(term, ctx, extendedAt).reminders;
    expect(early.map((r) => r.key)).toContain('extended_half_term');
    expect(Date.parse(early.find((r) => r.key === 'extended_half_term')!.at)).toBeLessThan(Date.parse(extendedAt));
    expect(late.map((r) => r.key)).not.toContain('extended_half_term');
    expect(late.every((r) => Date.parse(r.at) >= Date.parse(extendedAt))).toBe(true);
    expect(late.find((r) => r.key === 'extended_escalation')!.at).toBe(term.deadline.extendedDueAt);
  });
});
