import { setTimeout as sleep } from 'node:timers/promises';

/** A count from the environment (smaller runs while developing), else the number. */
export function envCount(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n <= 0) throw new Error(`${name}=${raw} must be a positive whole number.`);
  return n;
}

/** Nearest-rank percentile of ascending `sorted`. */
export function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? NaN;
}

export const median = (values: number[]) => percentile([...values].sort((a, b) => a - b), 50);

/** Polls `done` every second until it holds; reports progress every 10 s; fails after `timeoutMs`. */
export async function waitFor(
  what: string, done: () => Promise<boolean>, opts: { timeoutMs: number; progress?: () => Promise<string>; log: (m: string) => void },
): Promise<void> {
  const t0 = Date.now();
  let said = t0;
  while (!(await done())) {
    if (Date.now() - t0 > opts.timeoutMs) throw new Error(`bench: ${what} did not happen within ${opts.timeoutMs / 1000} s`);
    if (opts.progress && Date.now() - said >= 10_000) {
      said = Date.now();
      opts.log(`bench: waiting for ${what}: ${await opts.progress()}`);
    }
    await sleep(1000);
  }
}

/** Deterministic pseudo-random numbers in [0, 1) (mulberry32): runs plan the same instants. */
export function seeded(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
