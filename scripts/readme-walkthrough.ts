/**
 * `npm run readme-walkthrough`: a newcomer's first hour, replayed. Clones the committed tree into a temporary folder,
 * runs `npm install` there, starts two engines side by side with `npm start` (every port and the data folder moved
 * for the second), and runs the README's quick start and "One case of each type" as written against the first.
 * Fails on any HTTP answer that is not 2xx (a 409 above all), on an action that landed on another case than the one
 * it names, on a case that did not end as its path says, and on EBADENGINE warnings from `npm install`.
 * `--here` skips the clone and install and runs in this checkout (quicker, for editing the README).
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync, openSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { projectRoot } from '../platform/tools';
import { freePort } from '../test/helpers/free-port';
import { checkCases, checkHttp, checkSecondEngine, type Engine } from './readme-walkthrough-checks';
import { expectedCases, newcomerBlocks, walkthroughScript } from './readme-blocks';

const say = (m: string) => console.error(`readme: ${m}`);
const problems: string[] = [];
const timings: string[] = [];
const children: ChildProcess[] = [];

async function timed<T>(what: string, run: () => Promise<T> | T): Promise<T> {
  const started = Date.now();
  const result = await run();
  timings.push(`${what} ${((Date.now() - started) / 1000).toFixed(1)} s`);
  say(`${what}: ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return result;
}

/** The environment of a shell with none of the engine's settings: what a newcomer has before reading the README. */
function cleanEnv(): NodeJS.ProcessEnv {
  const env = { ...process.env };
  for (const name of Object.keys(env)) {
    if (/^(DSAR_|TEMPORAL_|DATABASE_URL$|PORT$|HOST$|SMTP_|IMAP_|LOG_)/.test(name)) delete env[name];
  }
  return env;
}

function run(cmd: string, args: string[], cwd: string, log: string): void {
  const out = openSync(log, 'a');
  const result = spawnSync(cmd, args, { cwd, stdio: ['ignore', out, out], env: cleanEnv() });
  if (result.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed (exit ${result.status}); see ${log}`);
}

async function startEngine(name: string, dir: string, work: string): Promise<Engine> {
  const [port, pgPort, temporalPort, uiPort] = await Promise.all([freePort(), freePort(), freePort(), freePort()]);
  const settings = { PORT: String(port), DSAR_PG_PORT: String(pgPort), TEMPORAL_PORT: String(temporalPort),
    TEMPORAL_UI_PORT: String(uiPort), DSAR_DATA_DIR: path.join(work, `data-${name}`) };
  const log = path.join(work, `engine-${name}.log`);
  const out = openSync(log, 'a');
  // `detached`: its own process group, so the stop below is the terminal's Ctrl-C (SIGINT to npm and the engine).
  const child = spawn('npm', ['start'], { cwd: dir, detached: true, stdio: ['ignore', out, out], env: { ...cleanEnv(), ...settings } });
  children.push(child);
  const base = `http://127.0.0.1:${port}`;
  const until = Date.now() + 300_000;
  while (!readFileSync(log, 'utf8').includes('DSAR engine is running.')) {
    if (child.exitCode !== null) throw new Error(`engine ${name} exited (code ${child.exitCode}); see ${log}`);
    if (Date.now() > until) throw new Error(`engine ${name} did not start within 300 s; see ${log}`);
    await new Promise((r) => setTimeout(r, 500));
  }
  say(`engine ${name}: ${Object.entries(settings).map(([k, v]) => `${k}=${v}`).join(' ')}`);
  return { name, dir, base, uiUrl: `http://127.0.0.1:${uiPort}`, settings, env: { ...cleanEnv(), ...settings } };
}

async function stopEngines(): Promise<void> {
  await Promise.all(children.filter((c) => c.exitCode === null && c.signalCode === null).map((child) => {
    const exited = new Promise((r) => child.once('exit', r));
    process.kill(-child.pid!, 'SIGINT');
    const timer = setTimeout(() => process.kill(-child.pid!, 'SIGKILL'), 60_000);
    return exited.then(() => clearTimeout(timer));
  }));
}

/** Runs the README's commands in bash; every curl reports its status on stderr, the case numbers are kept. */
function runWalkthrough(engine: Engine, script: string, work: string): { http: string; vars: Map<string, string> } {
  const varsFile = path.join(work, 'vars');
  const file = path.join(work, 'walkthrough.sh');
  writeFileSync(file, [
    "curl() { command curl -w '%{stderr}README-HTTP %{http_code} %{method} %{url_effective}\\n' \"$@\"; }",
    script,
    `set | grep -E '^[A-Z_]+=DSAR-[0-9]{4}-[0-9]{6}$' > ${JSON.stringify(varsFile)} || true`,
  ].join('\n'));
  const result = spawnSync('bash', ['-e', '-o', 'pipefail', file], { cwd: engine.dir, env: engine.env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  writeFileSync(path.join(work, 'walkthrough.out'), `${result.stdout}\n--- stderr ---\n${result.stderr}`);
  if (result.status !== 0) problems.push(`the walkthrough stopped with exit ${result.status}; see ${path.join(work, 'walkthrough.out')}`);
  const vars = new Map<string, string>();
  try {
    for (const line of readFileSync(varsFile, 'utf8').trim().split('\n').filter(Boolean)) {
      const [name, value] = line.split('=') as [string, string];
      vars.set(name, value);
    }
  } catch { /* no case kept: reported by the checks */ }
  return { http: result.stderr, vars };
}

async function main(): Promise<void> {
  const here = process.argv.includes('--here');
  const work = mkdtempSync(path.join(tmpdir(), 'dsar-readme-'));
  say(`working in ${work}`);
  let dir = projectRoot;
  if (!here) {
    const commit = spawnSync('git', ['rev-parse', 'HEAD'], { cwd: projectRoot, encoding: 'utf8' }).stdout.trim();
    dir = path.join(work, 'clone');
    await timed('git clone', () => {
      run('git', ['clone', '--quiet', '--no-checkout', projectRoot, dir], work, path.join(work, 'git.log'));
      run('git', ['checkout', '--quiet', '--detach', commit], dir, path.join(work, 'git.log'));
    });
    const log = path.join(work, 'npm-install.log');
    await timed('npm install (fresh clone)', () => run('npm', ['install', '--no-audit', '--no-fund'], dir, log));
    if (readFileSync(log, 'utf8').includes('EBADENGINE')) problems.push(`npm install on Node ${process.version} warned EBADENGINE; see ${log}`);
  }
  mkdirSync(work, { recursive: true });
  try {
    const [a, b] = await timed('two npm starts, side by side, until both are running', () =>
      Promise.all([startEngine('a', dir, work), startEngine('b', dir, work)]));
    const script = walkthroughScript(newcomerBlocks(readFileSync(path.join(dir, 'README.md'), 'utf8')), a.base);
    const { http, vars } = await timed('README quick start + walkthrough', () => runWalkthrough(a, script, work));
    problems.push(...checkHttp(http));
    problems.push(...await checkCases(a, expectedCases(script), vars));
    problems.push(...await checkSecondEngine(a, b, vars.size));
  } catch (err) {
    const cause = err instanceof Error && err.cause instanceof Error ? ` (${err.cause.message})` : '';
    problems.push(err instanceof Error ? `${err.message}${cause}` : String(err));
  } finally {
    await timed('stop both engines', stopEngines);
  }
  say(`timings: ${timings.join('; ')}`);
  if (problems.length > 0) {
    say(`FAILED (logs kept in ${work}):\n  - ${problems.join('\n  - ')}`);
    process.exit(1);
  }
  say('the README from the top: every answer 2xx, every action on the case it names, every case ended as its path says.');
  rmSync(work, { recursive: true, force: true });
}

void main().catch(async (err: unknown) => {
  say(`could not run: ${err instanceof Error ? err.message : String(err)}`);
  await stopEngines();
  process.exit(1);
});
