import { describe, expect, it } from 'vitest';
import { extendTerm, openingTerms } from '../../../domain/case/terms';
import { OPENING_RULE, REQUEST_TYPES } from '../../../domain/case/request-types';
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

describe('the term a request opens', () => {
  // The article the deadline is counted under is what the acknowledgement, the case page and the act cite: a
  // withdrawal of consent is art. 21 p.5, not the 30 days of art. 21 p.4 (purpose achieved), however alike they count.
  const statute = {
    access: ['access', '152-FZ art. 14 p.3, art. 20 p.1'], correction: ['block_on_report', '152-FZ art. 21 p.1'],
    blocking: ['block_on_report', '152-FZ art. 21 p.1'], withdrawal: ['consent_withdrawn', '152-FZ art. 21 p.5'],
    deletion: ['destroy_on_evidence', '152-FZ art. 20 p.3'], cease_processing: ['demand_cease', '152-FZ art. 21 p.5.1'],
  } as const;

  it.each(REQUEST_TYPES)('for %s is counted under its own article of 152-FZ', (type) => {
    const [term] = openingTerms(type, '2026-03-02T10:00:00+03:00', ctx);
    expect([term!.rule, term!.deadline.basis]).toEqual(statute[type]);
  });

  it('names the same rule in the case row as the term counts (withdrawal: consent_withdrawn)', () => {
    expect(OPENING_RULE.withdrawal).toBe('consent_withdrawn');
    for (const type of REQUEST_TYPES.filter((t) => t !== 'correction' && t !== 'blocking')) {
      expect(OPENING_RULE[type], type).toBe(openingTerms(type, '2026-03-02T10:00:00+03:00', ctx)[0]!.rule);
    }
  });
});
