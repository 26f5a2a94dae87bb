/**
 * Throughput of the legal-time module: `npx tsx bench/deadline.bench.ts`.
 * Inputs are generated from a fixed seed, so runs are comparable.
 */
import { performance } from 'node:perf_hooks';
import { runBatch } from '../cli/deadline-command';
import { builtInCalendar, computeDeadline, RULE_IDS, RULES, type RuleId } from '../domain/legal-time';
import { seeded } from './bench-util';

const COMPUTATIONS = 200_000;
const BATCH_LINES = 100_000;
const DAY = 86_400_000;
const START = Date.UTC(2024, 0, 1);
const SPAN_DAYS = 4 * 365;


/** Hour rules need an instant; the others get a date or (one in four) an instant. */
function generate(count: number, seed: number): Array<{ rule: RuleId; from: string }> {
  const random = seeded(seed);
  return Array.from({ length: count }, () => {
    const rule = RULE_IDS[Math.floor(random() * RULE_IDS.length)] as RuleId;
    const ms = START + Math.floor(random() * SPAN_DAYS * DAY);
    const instant = RULES[rule].unit === 'hours' || random() < 0.25;
    return { rule, from: instant ? new Date(ms).toISOString() : new Date(ms).toISOString().slice(0, 10) };
  });
}

function format(n: number): string {
  return Math.round(n).toLocaleString('en-US');
}

function benchCompute(): void {
  const calendar = builtInCalendar();
  const inputs = generate(COMPUTATIONS, 1);
  for (const input of inputs.slice(0, 5_000)) computeDeadline(input, { calendar }); // warm-up
  const t0 = performance.now();
  let checksum = 0;
  for (const input of inputs) checksum += computeDeadline(input, { calendar }).due.length;
  const seconds = (performance.now() - t0) / 1000;
  console.log(`legal-time: computeDeadline  ${format(COMPUTATIONS / seconds)} ops/s  (${COMPUTATIONS} in ${seconds.toFixed(2)} s, checksum ${checksum})`);
}

async function benchBatch(): Promise<void> {
  const calendar = builtInCalendar();
  const lines = generate(BATCH_LINES, 2).map((input) => JSON.stringify(input));
  let bytes = 0;
  let writes = 0;
  const t0 = performance.now();
  const summary = await runBatch(lines, (chunk) => {
    bytes += chunk.length;
    writes += 1;
  }, { calendar, timeZone: 'Europe/Moscow' });
  const seconds = (performance.now() - t0) / 1000;
  console.log(
    `legal-time: runBatch  ${format(BATCH_LINES / seconds)} lines/s  (${summary.lines} lines, ${summary.errors} errors, ` +
      `${writes} writes, ${format(bytes)} chars in ${seconds.toFixed(2)} s)`,
  );
}

async function main(): Promise<void> {
  benchCompute();
  await benchBatch();
}

void main();
