import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import type { Config } from '../../platform/config';
import { appLoginUrl } from './database';

const root = path.resolve(__dirname, '../..');

/**
 * A production entry point (api/server.ts, worker/main.ts) as a separate process a test can SIGKILL, logged in as
 * the app's login role as in production (it refuses the owner: ADR 017); `extraEnv` may say otherwise.
 */
export function startEntryPoint(entry: string, config: Config, extraEnv: Record<string, string> = {}): ChildProcess {
  return spawn(process.execPath, ['--require', 'tsx/cjs', entry], {
    cwd: root,
    env: {
      ...process.env, DATABASE_URL: appLoginUrl(config.databaseUrl), TEMPORAL_ADDRESS: config.temporal.address,
      TEMPORAL_NAMESPACE: config.temporal.namespace, TEMPORAL_TASK_QUEUE: config.temporal.taskQueue,
      DSAR_PAYLOAD_KEY: config.payloadKey.toString('base64'), LOG_LEVEL: 'warn', ...extraEnv,
    },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
}

export async function kill(child: ChildProcess | undefined, signal: NodeJS.Signals): Promise<void> {
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((r) => child.once('exit', r));
  child.kill(signal);
  await exited;
}

/** Resolves when `url` answers at all (any status), or rejects when the process exits first. */
export async function listening(child: ChildProcess, url: string, timeoutMs = 60_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (child.exitCode !== null || child.signalCode !== null) throw new Error(`process exited before ${url} answered`);
    if (await fetch(url).then(() => true, () => false)) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${url} did not answer in time`);
}
