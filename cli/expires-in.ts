import { InvalidArgumentError } from 'commander';

const UNIT_MS = { h: 3_600_000, d: 86_400_000, w: 7 * 86_400_000 } as const;

/** `--expires-in 90d` (also `12h`, `4w`): the token's lifetime in milliseconds. */
export function parseExpiresIn(raw: string): number {
  const match = /^([1-9][0-9]{0,4})([hdw])$/.exec(raw.trim());
  if (!match) throw new InvalidArgumentError('use a whole number followed by h, d or w, e.g. 12h, 90d, 4w');
  return Number(match[1]) * UNIT_MS[match[2] as keyof typeof UNIT_MS];
}
