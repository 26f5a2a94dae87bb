import { describe, expect, it } from 'vitest';
import { extendTerm, openingTerms } from '../../../domain/case/terms';
import { builtInCalendar } from '../../../domain/legal-time';

const ctx = { calendar: builtInCalendar(), timeZone: 'Europe/Moscow' };

describe('an extended term', () => {
  const [term] = openingTerms('access', '2026-03-02T10:00:00+03:00', ctx); // due 2026-03-17 (9 March off), extended 2026-03-24

  it('gets its reminders up to the extended due date, with keys of their own', () => {
    const extended = extendTerm(term!, ctx);
    expect(extended).toMatchObject({ extended: true, deadline: { due: '2026-03-17', extendedDue: '2026-03-24' } });
    expect(extended.reminders.find((r) => r.kind === 'escalation')).toMatchObject({ key: 'extended_escalation', at: '2026-03-25T00:00:00+03:00' });
    expect(extended.reminders.every((r) => r.key.startsWith('extended_'))).toBe(true);
  });

  it('leaves out the reminders already past when it is extended, never the escalation', () => {
    const extendedAt = '2026-03-17T15:00:00+03:00'; // the last day of the original term: the extended half-term is past
    const all = extendTerm(term!, ctx).reminders;
    const kept = extendTerm(term!, ctx, extendedAt).reminders;
    expect(all.find((r) => r.key === 'extended_half_term')!.at < extendedAt).toBe(true);
    expect(kept.map((r) => r.key)).toEqual(all.filter((r) => Date.parse(r.at) >= Date.parse(extendedAt)).map((r) => r.key));
    expect(kept.map((r) => r.key)).not.toContain('extended_half_term');
    expect(kept.map((r) => r.key)).toContain('extended_escalation');
  });
});
