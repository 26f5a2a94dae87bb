import { describe, expect, it } from 'vitest';
import { CASE_STATUSES, isFinal, STATUS_OF_OUTCOME } from '../../../domain/case/case-status';

describe('case statuses', () => {
  // The workflow runs until the status is final; an open status taken for final would stop a case whose terms run.
  it('are final once responded, refused or closed; received and overdue cases are still open', () => {
    expect(CASE_STATUSES.filter(isFinal)).toEqual(['responded', 'refused', 'closed']);
    expect(isFinal('received')).toBe(false);
    expect(isFinal('overdue')).toBe(false);
  });

  it('take the outcome of the move that closes the case', () => {
    expect(STATUS_OF_OUTCOME).toEqual({ responded: 'responded', refused: 'refused', closed: 'closed' });
  });
});
