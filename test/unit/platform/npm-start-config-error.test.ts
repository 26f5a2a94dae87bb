import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { EXIT_CONFIG } from '../../../platform/config';
import { freePort } from '../../helpers/free-port';

const root = path.resolve(__dirname, '../../..');
let dataDir: string | undefined;
afterEach(() => { if (dataDir) rmSync(dataDir, { recursive: true, force: true }); });

/**
 * Issue 15: a profile that cannot load used to restart the API and worker five times each and print its message
 * eight times before `npm start` gave up. Now it is refused before PostgreSQL or Temporal start, said once.
 * Everything is on free ports and a throw-away data folder, so a regression that does start the engine cannot
 * collide with one running on this machine (and is stopped by the timeout below).
 */
it('stops npm start at once on an operator profile that cannot load, saying why once, with exit code 78', async () => {
  dataDir = mkdtempSync(path.join(tmpdir(), 'dsar-bad-config-'));
  const profile = path.join(dataDir, 'policy.txt'); // what an operator may try first: the policy's text, not a profile
  writeFileSync(profile, 'Privacy policy\n\nThis local act was developed in accordance with Federal Law No. 152-FZ …\n');
  const [pg, api, temporal, ui] = await Promise.all([freePort(), freePort(), freePort(), freePort()]);
  const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { scripts: { start: string } };
  const started = Date.now();
  const child = spawn(process.execPath, pkg.scripts.start.split(/\s+/).slice(1), {
    cwd: root, stdio: ['ignore', 'pipe', 'pipe'], detached: true,
    env: { ...process.env, DATABASE_URL: '', TEMPORAL_ADDRESS: '', DSAR_OPERATOR_PROFILE: profile, DSAR_DATA_DIR: dataDir,
      DSAR_PG_PORT: String(pg), PORT: String(api), TEMPORAL_PORT: String(temporal), TEMPORAL_UI_PORT: String(ui) },
  });
  let output = '';
  child.stdout.on('data', (c: Buffer) => { output += c.toString(); });
  child.stderr.on('data', (c: Buffer) => { output += c.toString(); });
  const killer = setTimeout(() => process.kill(-child.pid!, 'SIGTERM'), 60_000);
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  clearTimeout(killer);
  const seconds = (Date.now() - started) / 1000;

  expect(code, output).toBe(EXIT_CONFIG);
  const said = output.split(`operator profile ${profile} is not valid JSON`).length - 1;
  expect(said, output).toBe(1);
  expect(output).not.toMatch(/starting embedded PostgreSQL|Temporal dev server|restarting/);
  expect(seconds, output).toBeLessThan(15);
}, 70_000);
