import type { BenchEngine } from './harness';
import { benchBareLateness, benchEngineLateness, type Lateness } from './reminder-lateness';
import { boundFigure, type Figure } from './report';
import { benchWorkerRss } from './worker-rss';

const RSS_AIM_MIB = 1024;
const LATENESS_P99_AIM_MS = 2000;
const describe = (l: Lateness) => `p50 ${l.p50.toFixed(0)}, p95 ${l.p95.toFixed(0)}, p99 ${l.p99.toFixed(0)}, max ${l.max.toFixed(0)} ms (${l.count})`;

/** The worker's figures: RSS with many open cases beside the idle worker; reminder lateness beside bare timers. */
export async function workerFigures(engine: BenchEngine, log: (m: string) => void): Promise<Figure[]> {
  const rss = await benchWorkerRss(engine, log);
  log(`bench: worker RSS with ${rss.cases} open cases: idle ${rss.idle.toFixed(0)}, peak ${rss.peak.toFixed(0)}, settled ${rss.settled.toFixed(0)} MiB; ` +
    `${rss.cached} workflows cached, ${rss.evictions} evicted; opened in ${rss.openSeconds.toFixed(0)} s, all acknowledged after ${rss.acknowledgedSeconds.toFixed(0)} s`);
  const casesPerSecond = rss.cases / rss.acknowledgedSeconds;
  const engineLate = await benchEngineLateness(engine, log, casesPerSecond);
  log(`bench: reminder lateness, case workflows: ${describe(engineLate)}${engineLate.note ? ` — ${engineLate.note}` : ''}`);
  const bareLate = await benchBareLateness(engine, log, casesPerSecond);
  log(`bench: reminder lateness, bare timers: ${describe(bareLate)}${bareLate.note ? ` — ${bareLate.note}` : ''}`);
  const cases = rss.cases.toLocaleString('en-US');
  const due = engineLate.count.toLocaleString('en-US');
  return [
    boundFigure('worker.rss.peak', `worker RSS, ${cases} open cases, peak`, 'MiB', rss.peak, rss.idle, RSS_AIM_MIB),
    boundFigure('worker.rss.settled', `worker RSS, ${cases} open cases, settled`, 'MiB', rss.settled, rss.idle, RSS_AIM_MIB),
    boundFigure('reminders.lateness.p50', `reminder lateness, ${due} due in 1 min, p50`, 'ms', engineLate.p50, bareLate.p50, LATENESS_P99_AIM_MS, engineLate.note),
    boundFigure('reminders.lateness.p99', `reminder lateness, ${due} due in 1 min, p99`, 'ms', engineLate.p99, bareLate.p99, LATENESS_P99_AIM_MS, engineLate.note),
  ];
}
