import { describe, expect, it } from 'vitest';
import { invalidCaseInput } from '../../../domain/case/case-input';

const valid = {
  caseId: 'DSAR-2990-000001', type: 'deletion', channel: 'web', receivedAt: '2990-03-01T10:00:00+03:00',
  deadline: { rule: 'destroy_on_evidence', due: '2990-03-10', dueAt: '2990-03-11T00:00:00+03:00' },
};
const reason = (change: Record<string, unknown>) => invalidCaseInput({ ...valid, ...change } as never);
const deadline = (change: Record<string, unknown>) => reason({ deadline: { ...valid.deadline, ...change } });

describe('the case workflow\'s own input guard, at its edges', () => {
  it('accepts case numbers past a million, every type and channel, fractions of a second and negative offsets', () => {
    expect(reason({ caseId: 'DSAR-2990-1234567' })).toBeUndefined();
    for (const type of ['access', 'correction', 'blocking', 'withdrawal', 'deletion', 'cease_processing', 'unclassified']) expect(reason({ type })).toBeUndefined();
    for (const channel of ['email', 'web', 'post', 'in_person']) expect(reason({ channel })).toBeUndefined();
    expect(reason({ receivedAt: '2990-03-01T07:00:00.123456789Z' })).toBeUndefined();
    expect(reason({ receivedAt: '2990-03-01T02:00:00-05:00', actedAt: '2990-03-01T02:00:00-05:00' })).toBeUndefined();
  });

  it.each([
    ['a case number with five digits', { caseId: 'DSAR-2990-12345' }, 'caseId is not a case number DSAR-YYYY-NNNNNN'],
    ['a case number with text around it', { caseId: 'x DSAR-2990-000001' }, 'caseId is not a case number DSAR-YYYY-NNNNNN'],
    ['a case number followed by text', { caseId: 'DSAR-2990-000001 x' }, 'caseId is not a case number DSAR-YYYY-NNNNNN'],
    ['a case number that is no string', { caseId: 2990000001 }, 'caseId is not a case number DSAR-YYYY-NNNNNN'],
    ['an unknown type', { type: 'gossip' }, 'type is not one of access, correction, blocking, withdrawal, deletion, cease_processing, unclassified'],
    ['an unknown channel', { channel: 'pigeon' }, 'channel is not one of email, web, post, in_person'],
    ['a receipt without its offset', { receivedAt: '2990-03-01T10:00:00' }, 'receivedAt is not an RFC 3339 instant'],
    ['a receipt with text after it', { receivedAt: '2990-03-01T10:00:00Z!' }, 'receivedAt is not an RFC 3339 instant'],
    ['a receipt on an impossible hour', { receivedAt: '2990-03-01T99:00:00Z' }, 'receivedAt is not an RFC 3339 instant'],
    ['a receipt that is a date only', { receivedAt: '2990-03-01' }, 'receivedAt is not an RFC 3339 instant'],
    ['a receipt that is no string', { receivedAt: Date.parse('2990-03-01T10:00:00Z') }, 'receivedAt is not an RFC 3339 instant'],
    ['an actedAt with a text before it', { actedAt: 'at 2990-03-01T10:00:00Z' }, 'actedAt is not an RFC 3339 instant'],
    ['a deadline that is no object', { deadline: 'soon' }, 'deadline is missing'],
  ])('refuses %s', (_what, change, message) => {
    expect(reason(change)).toBe(message);
  });

  it.each([
    ['no rule', { rule: undefined }, 'deadline.rule is missing'],
    ['an empty rule', { rule: '' }, 'deadline.rule is missing'],
    ['a due date with a time', { due: '2990-03-10T00:00:00Z' }, 'deadline.due is not a date YYYY-MM-DD'],
    ['a due date with text before it', { due: 'on 2990-03-10' }, 'deadline.due is not a date YYYY-MM-DD'],
    ['a due date that is no string', { due: 29900310 }, 'deadline.due is not a date YYYY-MM-DD'],
    ['a dueAt that is only a date', { dueAt: '2990-03-11' }, 'deadline.dueAt is not an RFC 3339 instant'],
  ])('refuses a deadline with %s', (_what, change, message) => {
    expect(deadline(change)).toBe(message);
  });

  it('refuses a null input and a string as not an object', () => {
    expect(invalidCaseInput(null)).toBe('the input is not an object');
    expect(invalidCaseInput('DSAR-2990-000001' as never)).toBe('the input is not an object');
  });
});
