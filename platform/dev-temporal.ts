import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { openSync } from 'node:fs';
import { Connection } from '@temporalio/client';
import { SEARCH_ATTRIBUTE_REGISTRATIONS } from '../workflows/search-attributes';

export interface DevTemporal {
  address: string;
  uiUrl?: string;
  process: ChildProcess;
  stop(): Promise<void>;
}

/**
 * Starts `temporal server start-dev` on loopback. With `dbFile` the state survives restarts; without
 * it the server keeps everything in memory (tests). The namespace is created at launch and its
 * closed-workflow retention raised from the dev default of 24 h.
 */
export async function startDevTemporal(opts: {
  cli: string;
  port: number;
  namespace: string;
  uiPort?: number;
  dbFile?: string;
  logFile: string;
  retention?: string;
  /** Server dynamic configuration, e.g. `{ 'matching.longPollExpirationInterval': '5s' }` (values as JSON). */
  dynamicConfig?: Record<string, unknown>;
}): Promise<DevTemporal> {
  const address = `127.0.0.1:${opts.port}`;
  const args = ['server', 'start-dev', '--ip', '127.0.0.1', '--port', String(opts.port), '--namespace', opts.namespace,
    '--log-level', 'warn', '--ui-disable-news-fetch'];
  if (opts.dbFile) args.push('--db-filename', opts.dbFile);
  // The case search attributes (workflows/search-attributes.ts), registered on every start: the call is idempotent.
  for (const [name, type] of SEARCH_ATTRIBUTE_REGISTRATIONS) args.push('--search-attribute', `${name}=${type}`);
  for (const [key, value] of Object.entries(opts.dynamicConfig ?? {})) args.push('--dynamic-config-value', `${key}=${JSON.stringify(value)}`);
  if (opts.uiPort) args.push('--ui-port', String(opts.uiPort)); else args.push('--headless');
  const out = openSync(opts.logFile, 'a');
  // Own process group: a Ctrl-C in the terminal reaches us, and we stop the server in order.
  const child = spawn(opts.cli, args, { stdio: ['ignore', out, out], detached: true });
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));

  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    await exited;
    clearTimeout(timer);
  };

  try {
    await waitUntilServing(address, exited, opts.logFile);
    const retention = opts.retention ?? '720h';
    const update = spawnSync(opts.cli, ['operator', 'namespace', 'update', '--address', address,
      '--namespace', opts.namespace, '--retention', retention], { encoding: 'utf8' });
    if (update.status !== 0) throw new Error(`could not set the retention of namespace ${opts.namespace}: ${update.stderr.trim()}`);
  } catch (err) {
    await stop();
    throw err;
  }
  return { address, uiUrl: opts.uiPort ? `http://127.0.0.1:${opts.uiPort}` : undefined, process: child, stop };
}

async function waitUntilServing(address: string, exited: Promise<number | null>, logFile: string): Promise<void> {
  let dead: number | null | undefined;
  void exited.then((code) => { dead = code; });
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (dead !== undefined) throw new Error(`the Temporal dev server exited (code ${dead}); see ${logFile}`);
    try {
      const connection = await Connection.connect({ address, connectTimeout: 1000 });
      await connection.healthService.check({});
      await connection.close();
      return;
    } catch {
      await new Promise((r) => setTimeout(r, 250));
    }
  }
  throw new Error(`the Temporal dev server did not answer on ${address} within 60 s; see ${logFile}`);
}
