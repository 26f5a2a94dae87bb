import { describe, expect, it } from 'vitest';
import { CASE_STATUSES, isFinal } from '../../../domain/case/case-status';
import { TransitionError, allowedActions, nextStatus } from '../../../domain/case/transitions';

describe('the transition table', () => {
  it('lets an officer respond or refuse an open or overdue case', () => {
    expect(nextStatus('received', 'respond', 'person')).toBe('responded');
    expect(nextStatus('overdue', 'refuse', 'person')).toBe('refused');
    expect(allowedActions('received')).toEqual(['respond', 'refuse']);
    expect(allowedActions('overdue')).toEqual(['respond', 'refuse']);
  });

  it('leaves escalation to the engine, and only from "received"', () => {
    expect(nextStatus('received', 'escalate', 'system')).toBe('overdue');
    expect(() => nextStatus('received', 'escalate', 'person')).toThrow(TransitionError);
    expect(() => nextStatus('overdue', 'escalate', 'system')).toThrow(/cannot be "escalate"-ed/);
    expect(allowedActions('received', 'system')).toEqual(['escalate']);
  });

  it('allows nothing once a case is final', () => {
    for (const status of CASE_STATUSES.filter(isFinal)) {
      expect(allowedActions(status)).toEqual([]);
      expect(() => nextStatus(status, 'respond', 'person')).toThrow(/allowed from: received, overdue/);
    }
  });
});
