import { spawn } from 'node:child_process';
import { openSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { stopChild, tail, type BenchEngine } from './harness';

const root = path.resolve(__dirname, '..');

/** A worker process of the bench: its pid (for /proc), its log, and a stop that waits for it to exit. */
export interface WorkerProcess {
  pid: number;
  /** Resident set size now, in MiB (/proc/<pid>/status VmRSS). */
  rssMiB(): number;
  logTail(): string;
  stop(): Promise<void>;
}

/**
 * Starts a worker entry point as its own process, as production runs it (`npm run worker`: worker/main.ts),
 * polling `taskQueue` of the bench's engine; resolves once it logged "worker started" (after bundling).
 */
export async function startWorkerProcess(
  engine: BenchEngine, entry: string, taskQueue: string, env: Record<string, string> = {},
): Promise<WorkerProcess> {
  const logFile = path.join(engine.scratch, `${path.basename(entry, '.ts')}-${taskQueue}.log`);
  const out = openSync(logFile, 'a');
  const child = spawn(process.execPath, ['--require', 'tsx/cjs', entry], {
    cwd: root, stdio: ['ignore', out, out],
    env: { ...process.env, ...engine.workerEnv, TEMPORAL_TASK_QUEUE: taskQueue, LOG_LEVEL: 'info', LOG_FORMAT: 'json', ...env },
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = () => stopChild(child, exited);
  engine.track(stop);
  const log = () => readFileSync(logFile, 'utf8');
  for (const until = Date.now() + 120_000; !log().includes('"worker started"');) {
    if (child.exitCode !== null || child.signalCode !== null) throw new Error(`the bench worker exited at start:\n${tail(logFile)}`);
    if (Date.now() > until) throw new Error(`the bench worker did not start within 2 minutes:\n${tail(logFile)}`);
    await sleep(200);
  }
  return { pid: child.pid!, rssMiB: () => rssMiB(child.pid!), logTail: () => tail(logFile), stop };
}

export function rssMiB(pid: number): number {
  const kb = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
  if (kb === undefined) throw new Error(`no VmRSS for process ${pid}`);
  return Number(kb) / 1024;
}

/** Samples a process's RSS every `everyMs` until stopped: the peak and every sample. */
export function sampleRss(worker: WorkerProcess, everyMs = 250): { stop(): { peak: number; samples: number[] } } {
  const samples: number[] = [];
  const timer = setInterval(() => samples.push(worker.rssMiB()), everyMs);
  return {
    stop: () => {
      clearInterval(timer);
      samples.push(worker.rssMiB());
      return { peak: Math.max(...samples), samples };
    },
  };
}
