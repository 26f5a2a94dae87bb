import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import autocannon from 'autocannon';

/** One timed run: the latency of every completed operation (ms) and how long the run took (s). */
export interface Sample {
  latencies: number[];
  seconds: number;
}

/** What every figure reports: completed operations per second and latency percentiles in ms. */
export interface Measured {
  perSecond: number;
  p50: number;
  p99: number;
  count: number;
}

/** Nearest-rank percentiles over all runs (autocannon's own histogram rounds to whole ms: too coarse here). */
export function summarise(samples: Sample[]): Measured {
  const sorted = samples.flatMap((s) => s.latencies).sort((a, b) => a - b);
  const seconds = samples.reduce((sum, s) => sum + s.seconds, 0);
  const at = (p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
  return { perSecond: sorted.length / seconds, p50: at(50), p99: at(99), count: sorted.length };
}

/**
 * The engine and its bare limit, each warmed up, then measured in alternating rounds (A B A B): on a
 * shared machine the load drifts, and alternating spreads the drift over both sides of the ratio.
 */
export async function sideBySide(
  engine: (seconds: number) => Promise<Sample>, bare: (seconds: number) => Promise<Sample>,
  opts: { rounds: number; seconds: number; warmupSeconds: number },
): Promise<{ engine: Measured; bare: Measured }> {
  await engine(opts.warmupSeconds);
  await bare(opts.warmupSeconds);
  const samples = { engine: [] as Sample[], bare: [] as Sample[] };
  for (let round = 0; round < opts.rounds; round++) {
    samples.engine.push(await engine(opts.seconds));
    samples.bare.push(await bare(opts.seconds));
  }
  return { engine: summarise(samples.engine), bare: summarise(samples.bare) };
}

export interface HttpLoad {
  url: string;
  method?: 'GET' | 'POST';
  headers: Record<string, string>;
  body?: string;
  connections: number;
  seconds: number;
  /** Fixed total request rate (open loop); without it each connection sends as fast as answers come. */
  overallRate?: number;
}

/**
 * Real HTTP load with autocannon. `[<id>]` in a header or body is replaced by a unique id per request
 * (autocannon `idReplacement`). Any non-2xx answer or connection error fails the run: a benchmark of
 * error responses would measure the wrong thing.
 */
export async function httpLoad(load: HttpLoad): Promise<Sample> {
  const latencies: number[] = [];
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon({
      url: load.url, method: load.method ?? 'GET', headers: load.headers, body: load.body,
      connections: load.connections, duration: load.seconds, overallRate: load.overallRate,
      idReplacement: true, timeout: 30,
    }, (err: unknown, res: autocannon.Result) => (err ? reject(err) : resolve(res)));
    instance.on('response', (_client, status, _bytes, ms) => {
      if (status >= 200 && status < 300) latencies.push(ms);
    });
  });
  if (result.non2xx > 0 || result.errors > 0) {
    const codes = JSON.stringify(result.statusCodeStats ?? {});
    throw new Error(`${load.method ?? 'GET'} ${load.url}: ${result.non2xx} non-2xx answers (${codes}), ${result.errors} errors`);
  }
  return { latencies, seconds: result.duration };
}

/**
 * Closed loop for the bare limits: `concurrency` callers, each starting its next operation when the
 * previous one ends, for `seconds` — what autocannon does with `connections` over HTTP.
 */
export async function closedLoop(concurrency: number, seconds: number, op: () => Promise<void>): Promise<Sample> {
  const latencies: number[] = [];
  const t0 = performance.now();
  const until = t0 + seconds * 1000;
  const caller = async () => {
    while (performance.now() < until) {
      const start = performance.now();
      await op();
      latencies.push(performance.now() - start);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, caller));
  return { latencies, seconds: (performance.now() - t0) / 1000 };
}

/**
 * The raw-SQL twin of autocannon's `overallRate`: as autocannon does, each of `connections` callers gets
 * its share of the rate as a quota per second, works through it back to back, then waits for its next
 * second. Same offered load, same shape, so the latencies compare.
 */
export async function ratedLoop(
  connections: number, perSecond: number, seconds: number, op: () => Promise<unknown>,
): Promise<Sample> {
  const latencies: number[] = [];
  const t0 = performance.now();
  const until = t0 + seconds * 1000;
  const caller = async (i: number) => {
    const quota = Math.floor(perSecond / connections) + (i < perSecond % connections ? 1 : 0);
    for (let window = 0; t0 + window * 1000 < until; window++) {
      for (let made = 0; made < quota && performance.now() < until; made++) {
        const start = performance.now();
        await op();
        latencies.push(performance.now() - start);
      }
      const wait = t0 + (window + 1) * 1000 - performance.now();
      if (wait > 0) await sleep(wait);
    }
  };
  await Promise.all(Array.from({ length: connections }, (_, i) => caller(i)));
  return { latencies, seconds: (performance.now() - t0) / 1000 };
}
