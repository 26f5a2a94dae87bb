import { describe, expect, it } from 'vitest';
import { invalidCaseInput } from '../../../domain/case/case-input';

const valid = {
  caseId: 'DSAR-2026-000001', type: 'access', channel: 'email', receivedAt: '2025-10-24T07:00:00.000Z',
  deadline: { rule: 'access', due: '2025-11-10', dueAt: '2025-11-11T00:00:00+03:00' },
};

describe('the case workflow guards its own input', () => {
  it('accepts what intake produces', () => {
    expect(invalidCaseInput(valid)).toBeUndefined();
    expect(invalidCaseInput({ ...valid, actedAt: '2026-12-01T10:00:00.123Z' })).toBeUndefined();
  });

  it.each([
    ['a local-mean-time offset with seconds', { deadline: { ...valid.deadline, dueAt: '1900-01-02T00:00:00+02:30:17' } }, /dueAt/],
    ['a dueAt that is no instant', { deadline: { ...valid.deadline, dueAt: 'soon' } }, /dueAt/],
    ['no deadline', { deadline: null }, /deadline is missing/],
    ['a bad due date', { deadline: { ...valid.deadline, due: '10.11.2025' } }, /due/],
    ['an unknown type', { type: 'gossip' }, /type/],
    ['an unknown channel', { channel: 'pigeon' }, /channel/],
    ['a case id that is not a case number', { caseId: 'ivan@example.ru' }, /caseId/],
    ['a receipt that is no instant', { receivedAt: '2025-13-45' }, /receivedAt/],
    ['a bad actedAt', { actedAt: 'now' }, /actedAt/],
  ])('refuses %s', (_what, change, reason) => {
    expect(invalidCaseInput({ ...valid, ...change })).toMatch(reason);
  });

  it('refuses a missing input', () => {
    expect(invalidCaseInput(undefined)).toMatch(/not an object/);
  });
});
