import type { ChildProcess } from 'node:child_process';

export interface SupervisorOptions {
  /** Shown in messages: "api", "worker". */
  name: string;
  start: () => ChildProcess;
  say: (message: string) => void;
  /** True while the whole system is shutting down: an exit then is expected (Ctrl-C reaches every child). */
  shuttingDown?: () => boolean;
  /** Called once when the child crashed too often; the caller stops everything. */
  onGiveUp: () => void;
  /** First restart delay, doubled after each crash up to maxDelayMs. */
  initialDelayMs?: number;
  maxDelayMs?: number;
  /** A child that stayed up this long is healthy again: the next restart waits initialDelayMs. */
  stableAfterMs?: number;
  /** Give up after this many crashes within crashWindowMs. */
  maxCrashes?: number;
  crashWindowMs?: number;
  /** An exit code that restarting cannot cure (a refused configuration): the supervisor gives up at once. */
  giveUpOnExitCode?: number;
  /** How long a child may take to stop on SIGTERM before SIGKILL. */
  killAfterMs?: number;
}

export interface Supervised {
  /** Stops the child (SIGTERM, then SIGKILL) and restarts it no more. */
  stop(): Promise<void>;
  /** The running child, if any (tests). */
  readonly child: ChildProcess | undefined;
}

const seconds = (ms: number) => `${ms / 1000} s`;

/**
 * Keeps one child process running: a crash restarts it after 1 s, 2 s, 4 s … (capped), a child that
 * stayed up a while starts again from 1 s, and too many crashes in a short time mean something is
 * wrong that restarting will not fix — then it gives up and says so.
 */
export function supervise(opts: SupervisorOptions): Supervised {
  const { name, say, initialDelayMs = 1000, maxDelayMs = 30_000, stableAfterMs = 60_000, maxCrashes = 5, crashWindowMs = 5 * 60_000 } = opts;
  let child: ChildProcess | undefined;
  let stopping = false;
  let pending: NodeJS.Timeout | undefined;
  let attempt = 0;
  let crashes: number[] = [];

  const run = () => {
    pending = undefined;
    const startedAt = Date.now();
    const current = opts.start();
    child = current;
    current.once('exit', (code, signal) => {
      if (child === current) child = undefined;
      if (stopping || opts.shuttingDown?.()) return;
      const now = Date.now();
      crashes = [...crashes.filter((t) => now - t < crashWindowMs), now];
      const how = signal ?? `code ${code}`;
      if (code !== null && code === opts.giveUpOnExitCode) {
        say(`${name} refused its configuration (message above); not restarting.`);
        stopping = true;
        opts.onGiveUp();
        return;
      }
      if (crashes.length >= maxCrashes) {
        say(`${name} crashed ${crashes.length} times within ${seconds(crashWindowMs)} (last: ${how}); giving up.`);
        stopping = true;
        opts.onGiveUp();
        return;
      }
      if (now - startedAt >= stableAfterMs) attempt = 0;
      const delay = Math.min(initialDelayMs * 2 ** attempt, maxDelayMs);
      attempt += 1;
      say(`${name} exited unexpectedly (${how}); restarting in ${seconds(delay)} (crash ${crashes.length} of ${maxCrashes} allowed within ${seconds(crashWindowMs)}).`);
      pending = setTimeout(run, delay);
    });
  };
  run();

  return {
    get child() { return child; },
    async stop() {
      stopping = true;
      if (pending) clearTimeout(pending);
      const running = child;
      if (!running || running.exitCode !== null || running.signalCode !== null) return;
      const exited = new Promise((r) => running.once('exit', r));
      running.kill('SIGTERM');
      const timer = setTimeout(() => running.kill('SIGKILL'), opts.killAfterMs ?? 15_000);
      await exited;
      clearTimeout(timer);
    },
  };
}
