import { describe, expect, it } from 'vitest';
import { parseExpiresIn } from '../../../cli/expires-in';

describe('token --expires-in', () => {
  it('reads hours, days and weeks', () => {
    expect(parseExpiresIn('12h')).toBe(12 * 3_600_000);
    expect(parseExpiresIn('90d')).toBe(90 * 86_400_000);
    expect(parseExpiresIn('4w')).toBe(28 * 86_400_000);
  });

  it('refuses anything else with an example', () => {
    for (const bad of ['90', '0d', '1.5d', '3m', 'd', '-1d', 'never']) expect(() => parseExpiresIn(bad)).toThrow(/e\.g\. 12h, 90d, 4w/);
  });
});
