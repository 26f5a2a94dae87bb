import { describe, expect, it } from 'vitest';
import { FREE_ATTEMPTS, lockFor } from '../../../users/lockout';
import { passwordProblem } from '../../../users/password';

describe('lockout after failed sign-ins', () => {
  it('costs nothing for the first four failures, locks a minute at the fifth, then doubles up to an hour', () => {
    expect(FREE_ATTEMPTS).toBe(5);
    expect([1, 2, 3, 4].map(lockFor)).toEqual([0, 0, 0, 0]);
    expect([5, 6, 7, 8].map(lockFor)).toEqual([60_000, 120_000, 240_000, 480_000]);
    expect(lockFor(11)).toBe(3_600_000);
    expect(lockFor(1_000)).toBe(3_600_000);
  });
});

describe('password policy', () => {
  it('asks for length, not composition', () => {
    expect(passwordProblem('short')).toMatch(/at least 12/);
    expect(passwordProblem('all lowercase words here')).toBeUndefined();
    expect(passwordProblem('пароль из слов')).toBeUndefined(); // 14 characters, whatever the bytes
    expect(passwordProblem('with a\u0000nul inside')).toMatch(/control/);
  });
});
