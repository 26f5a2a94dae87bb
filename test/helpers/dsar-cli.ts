import { spawn, spawnSync } from 'node:child_process';
import path from 'node:path';

const root = path.resolve(__dirname, '../..');

/** Runs `dsar …` exactly as `npx dsar` does (the package's bin), against the given database (and other settings in `env`). */
export const runDsar = (databaseUrl: string, args: string[], input?: string, env: NodeJS.ProcessEnv = {}) =>
  spawnSync(process.execPath, [path.join(root, 'bin/dsar.cjs'), ...args], {
    cwd: root, input, encoding: 'utf8', env: { ...process.env, ...env, DATABASE_URL: databaseUrl },
  });

/** `dsar …` without blocking this process: for tests whose SMTP server (or other peer) runs in the test process. */
export function runDsarAsync(databaseUrl: string, args: string[], env: NodeJS.ProcessEnv = {}): Promise<{ status: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, [path.join(root, 'bin/dsar.cjs'), ...args], {
    cwd: root, env: { ...process.env, ...env, DATABASE_URL: databaseUrl }, stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (c: Buffer) => { stdout += c.toString(); });
  child.stderr.on('data', (c: Buffer) => { stderr += c.toString(); });
  return new Promise((resolve) => child.on('close', (status) => resolve({ status, stdout, stderr })));
}
