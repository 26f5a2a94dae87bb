import { describe, expect, it } from 'vitest';
import { dueOf } from '../../../domain/case/term-due';
import type { DeadlineResult } from '../../../domain/legal-time';

const deadline = (over: Partial<DeadlineResult> = {}) => ({
  due: '2026-03-17', dueAt: '2026-03-18T00:00:00+03:00', extendedDue: '2026-03-24', extendedDueAt: '2026-03-25T00:00:00+03:00', ...over,
}) as DeadlineResult;

describe('the due date a term shows', () => {
  it('is the original one until the term is extended, then the extended one', () => {
    expect(dueOf({ deadline: deadline() })).toEqual({ due: '2026-03-17', dueAt: '2026-03-18T00:00:00+03:00' });
    expect(dueOf({ deadline: deadline(), extended: false })).toEqual({ due: '2026-03-17', dueAt: '2026-03-18T00:00:00+03:00' });
    expect(dueOf({ deadline: deadline(), extended: true })).toEqual({ due: '2026-03-24', dueAt: '2026-03-25T00:00:00+03:00' });
  });

  it('stays the original one for a term its rule cannot extend, even if marked extended', () => {
    expect(dueOf({ deadline: deadline({ extendedDue: undefined, extendedDueAt: undefined }), extended: true }))
      .toEqual({ due: '2026-03-17', dueAt: '2026-03-18T00:00:00+03:00' });
    expect(dueOf({ deadline: deadline({ extendedDue: '2026-03-24', extendedDueAt: undefined }), extended: true }).due).toBe('2026-03-17');
    expect(dueOf({ deadline: deadline({ extendedDue: undefined }), extended: true }).dueAt).toBe('2026-03-18T00:00:00+03:00');
  });
});
