/**
 * The engine's own figures, each beside its bare limit measured in the same run:
 * `node --require tsx/cjs bench/engine.bench.ts` (part of `npm run bench`). Starts PostgreSQL, a
 * Temporal dev server and the API itself and stops them at the end, also on failure or Ctrl-C.
 * Progress goes to stderr; the table and the JSON lines go to stdout.
 */
import { startBenchEngine, type BenchEngine } from './harness';
import { benchListCases, LIST_QUERIES, LIST_RATE, seedCases, SEEDED_CASES } from './list-cases';
import type { Measured } from './load';
import { benchOpenCase } from './open-case';
import { latencyFigure, printFigures, throughputFigure, type Figure } from './report';
import { workerFigures } from './worker-figures';

const P99_AIM_MS = 20;
const log = (msg: string) => console.error(msg);
let interrupted = false;
const describe = (m: Measured) => `${m.perSecond.toFixed(0)}/s, p50 ${m.p50.toFixed(2)} ms, p99 ${m.p99.toFixed(2)} ms (${m.count})`;

async function listFigures(engine: BenchEngine): Promise<Figure[]> {
  const t0 = Date.now();
  await seedCases(engine.pool);
  log(`bench: seeded ${SEEDED_CASES.toLocaleString('en-US')} cases in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  const figures: Figure[] = [];
  for (const entry of LIST_QUERIES) {
    const { api, raw } = await benchListCases(engine, entry);
    log(`bench: GET /api/v1/cases ${entry.name}: API ${describe(api)}; raw read ${describe(raw)}`);
    const key = `cases.list.${entry.name.replace(/[^a-z]+/g, '-')}`;
    // Latency at a lower rate than offered is not the figure asked for: say so beside it.
    const note = api.perSecond < 0.95 * LIST_RATE ? `only ${api.perSecond.toFixed(0)} of ${LIST_RATE} req/s reached` : undefined;
    figures.push(
      latencyFigure(`${key}.p50`, `GET cases, ${entry.name}, p50`, api.p50, raw.p50, { note }),
      latencyFigure(`${key}.p99`, `GET cases, ${entry.name}, p99`, api.p99, raw.p99, { maxMs: P99_AIM_MS, note }),
    );
  }
  return figures;
}

async function openCaseFigures(engine: BenchEngine): Promise<Figure[]> {
  const figures: Figure[] = [];
  for (const concurrency of [1, 16]) {
    const { api, bare } = await benchOpenCase(engine, concurrency);
    log(`bench: POST /api/v1/cases c=${concurrency}: API ${describe(api)}; bare ${describe(bare)}`);
    figures.push(throughputFigure(`cases.open.c${concurrency}`, `POST cases, concurrency ${concurrency}`, api.perSecond, bare.perSecond));
  }
  return figures;
}

async function main(): Promise<void> {
  const engine = await startBenchEngine(log);
  // Ctrl-C: the Temporal dev server runs in its own process group, so it must be stopped here.
  const interrupt = (signal: NodeJS.Signals) => {
    interrupted = true;
    log(`bench: ${signal}, stopping …`);
    void engine.stop().finally(() => process.exit(130));
  };
  process.once('SIGINT', interrupt);
  process.once('SIGTERM', interrupt);
  try {
    // Reads first, on exactly the seeded table; intake then runs on a table of 100,000 cases; the worker's
    // figures last, each with its own worker process on its own task queue (intake's cases have no worker).
    const figures = [...await listFigures(engine), ...await openCaseFigures(engine), ...await workerFigures(engine, log)];
    printFigures(figures);
  } catch (err) {
    if (!interrupted) log(`bench: the API's last log lines:\n${engine.apiLogTail()}`);
    throw err;
  } finally {
    await engine.stop();
  }
}

main().catch((err) => {
  if (interrupted) return; // the signal handler exits once everything is stopped
  console.error(`engine bench failed: ${err instanceof Error ? err.stack ?? err.message : String(err)}`);
  process.exit(1);
});
