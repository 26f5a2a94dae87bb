import { setTimeout as sleep } from 'node:timers/promises';
import { freePort } from '../test/helpers/free-port';
import { envCount, median, waitFor } from './bench-util';
import { acknowledgedCount, caseIds, openCasesPaced } from './direct-cases';
import type { BenchEngine } from './harness';
import { sampleRss, startWorkerProcess, type WorkerProcess } from './worker-process';

export const OPEN_CASES = envCount('BENCH_OPEN_CASES', 10_000);
const TASK_QUEUE = 'dsar-bench-rss';
/** Case numbers DSAR-2018-…: no other part of the bench uses that year. */
const YEAR = 2018;

export interface RssFigures {
  cases: number;
  /** The same worker process before any case: its bare limit (MiB). */
  idle: number;
  /** Highest RSS while the cases were opened and acknowledged. */
  peak: number;
  /** RSS once every case waits for its next reminder, 10 s after the last acknowledgement. */
  settled: number;
  /** The worker's workflow cache at the end, and how many workflows it had to evict for room (SDK metrics). */
  cached: number;
  evictions: number;
  openSeconds: number;
  acknowledgedSeconds: number;
}

/** Median RSS over 5 s: one sample can land mid-GC. */
async function steadyRss(worker: WorkerProcess): Promise<number> {
  const samples: number[] = [];
  for (let i = 0; i < 10; i++) {
    samples.push(worker.rssMiB());
    await sleep(500);
  }
  return median(samples);
}

/** The SDK's sticky-cache gauges from the worker's own Prometheus endpoint (DSAR_WORKER_METRICS_ADDRESS). */
async function cacheMetrics(address: string): Promise<{ cached: number; evictions: number }> {
  const text = await (await fetch(`http://${address}/metrics`)).text();
  const sum = (name: string) => text.split('\n').filter((l) => l.startsWith(name) && !l.startsWith('#'))
    .reduce((s, l) => s + Number(l.trim().split(/\s+/).pop()), 0);
  return { cached: sum('temporal_sticky_cache_size'), evictions: sum('temporal_sticky_cache_total_forced_eviction') };
}

/**
 * The production worker process (worker/main.ts, its configured workflow cache) with `OPEN_CASES` open
 * cases: RSS idle (bare), at its peak while they open, and settled once every case is acknowledged and waits.
 */
export async function benchWorkerRss(engine: BenchEngine, log: (m: string) => void): Promise<RssFigures> {
  const metrics = `127.0.0.1:${await freePort()}`;
  const worker = await startWorkerProcess(engine, 'worker/main.ts', TASK_QUEUE, { DSAR_WORKER_METRICS_ADDRESS: metrics });
  try {
    await sleep(5000); // start-up (bundling) garbage is collected
    const idle = await steadyRss(worker);
    log(`bench: worker idle with 0 cases: ${idle.toFixed(0)} MiB RSS`);
    const sampler = sampleRss(worker);
    const ids = caseIds(YEAR, OPEN_CASES);
    const t0 = Date.now();
    await openCasesPaced(engine, ids, TASK_QUEUE, YEAR, log);
    const openSeconds = (Date.now() - t0) / 1000;
    log(`bench: opened ${ids.length} cases in ${openSeconds.toFixed(0)} s; waiting until each is acknowledged …`);
    await waitFor(`${ids.length} acknowledgements`, async () => (await acknowledgedCount(engine, YEAR)) === ids.length, {
      timeoutMs: 20 * 60_000, log, progress: async () => `${await acknowledgedCount(engine, YEAR)} acknowledged, RSS ${worker.rssMiB().toFixed(0)} MiB`,
    });
    const acknowledgedSeconds = (Date.now() - t0) / 1000;
    await sleep(10_000); // the last workflow tasks (letter completions) end; the heap settles
    const settled = await steadyRss(worker);
    const { peak } = sampler.stop();
    const cache = await cacheMetrics(metrics);
    return { cases: ids.length, idle, peak, settled, ...cache, openSeconds, acknowledgedSeconds };
  } catch (err) {
    log(`bench: the worker's last log lines:\n${worker.logTail()}`);
    throw err;
  } finally {
    await worker.stop();
  }
}
