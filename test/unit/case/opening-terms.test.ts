import { describe, expect, it } from 'vitest';
import { openingTerms, planTerm } from '../../../domain/case/terms';
import { createCalendar } from '../../../domain/legal-time';

// Plain Mon–Fri weeks far ahead: 2990-03-01 is a Monday.
const ctx = { calendar: createCalendar([{ year: 2990, country: 'RU', source: 'projection', provisional: true, days: [] }]), timeZone: 'Europe/Moscow' };
const RECEIVED = '2990-03-01T10:00:00+03:00';

describe('the terms a case opens with', () => {
  it('count from the receipt under the opening rule, running, with the schedule of that term', () => {
    const [term, ...rest] = openingTerms('access', RECEIVED, ctx);
    expect(rest).toEqual([]);
    expect(term).toMatchObject({ key: 'answer', rule: 'access', status: 'running', startedAt: RECEIVED, deadline: { from: RECEIVED, due: '2990-03-15' } });
    expect(term!.reminders.map((r) => r.key).slice(0, 5)).toEqual(['half_term', 'before_2wd', 'before_1wd', 'dpo_before_1wd', 'escalation']);
  });

  it('take the deletion ground the officer picked, and the triage term of an unclassified letter', () => {
    expect(openingTerms('deletion', RECEIVED, ctx)[0]).toMatchObject({ key: 'answer', rule: 'destroy_on_evidence', deadline: { due: '2990-03-10' } });
    expect(openingTerms('deletion', RECEIVED, ctx, 'purpose_achieved')[0]).toMatchObject({ key: 'answer', rule: 'purpose_achieved', deadline: { due: '2990-03-31' } });
    expect(openingTerms('unclassified', RECEIVED, ctx)).toMatchObject([{ key: 'triage', rule: 'block_on_report', deadline: { due: '2990-03-01' } }]);
    expect(openingTerms('blocking', RECEIVED, ctx, 'purpose_achieved')).toMatchObject([{ key: 'block', rule: 'block_on_report' }]);
  });

  it('entered late (received earlier, opened now): no reminder for a moment already gone, the escalation always', () => {
    const opened = '2990-03-11T12:00:00+03:00'; // after the half-term and the 2 WD reminders of a term due 03-15
    const [term] = openingTerms('access', RECEIVED, ctx, 'evidence', opened);
    expect(term!.deadline.from).toBe(RECEIVED);
    expect(term!.startedAt).toBe(opened);
    expect(term!.reminders.slice(0, 3).map((r) => r.key)).toEqual(['before_1wd', 'dpo_before_1wd', 'escalation']);
    // Opened after the term ended: it escalates at once, and its daily reminders still follow.
    const late = planTerm('answer', 'access', RECEIVED, ctx, '2990-03-20T12:00:00+03:00');
    expect(late.reminders[0]).toMatchObject({ key: 'escalation', at: '2990-03-16T00:00:00+03:00' });
    expect(late.reminders.slice(1).every((r) => r.kind === 'overdue_daily' && Date.parse(r.at) >= Date.parse('2990-03-20T12:00:00+03:00'))).toBe(true);
  });

  it('keep a reminder due at the very instant the term is opened', () => {
    const term = planTerm('answer', 'access', RECEIVED, ctx, '2990-03-12T09:00:00+03:00');
    expect(term.reminders.slice(0, 2).map((r) => r.key)).toEqual(['before_1wd', 'dpo_before_1wd']);
  });
});
