/**
 * What scripts/readme-walkthrough.ts checks after the README ran: every answer, every case, and the second engine.
 * Each check returns the problems it found, as sentences; none means it held.
 */
import { spawnSync } from 'node:child_process';
import type { ExpectedCase } from './readme-blocks';

export interface Engine {
  name: string;
  dir: string;
  base: string;
  uiUrl: string;
  settings: Record<string, string>;
  env: NodeJS.ProcessEnv;
}

const say = (m: string) => console.error(`readme: ${m}`);

/** A token from `npx dsar`, given only the engine's settings (DSAR_PG_PORT): as the README has the reader get one. */
function token(engine: Engine): string {
  const made = spawnSync('npx', ['dsar', 'token', 'create', '--role', 'officer', '--name', 'README check'], { cwd: engine.dir, env: engine.env, encoding: 'utf8' });
  if (made.status !== 0) throw new Error(`npx dsar token create for engine ${engine.name} failed: ${made.stderr}`);
  return made.stdout.trim();
}

/**
 * fetch, tried a second time when the connection itself failed: a kept-alive socket the server closed while this
 * script ran `npx dsar` fails the request that reuses it ("fetch failed"), which says nothing about the engine.
 */
async function request(url: string, init?: RequestInit): Promise<Response> {
  try {
    return await fetch(url, init);
  } catch {
    await new Promise((r) => setTimeout(r, 200));
    return fetch(url, init);
  }
}

async function get<T>(engine: Engine, bearer: string, route: string): Promise<T> {
  const res = await request(`${engine.base}${route}`, { headers: { authorization: `Bearer ${bearer}` } });
  if (!res.ok) throw new Error(`GET ${route} on engine ${engine.name} answered ${res.status}`);
  return res.json() as Promise<T>;
}

/** The status line the walkthrough's curl wrapper printed for every request. */
export function checkHttp(stderr: string): string[] {
  const answers = [...stderr.matchAll(/^README-HTTP (\d{3}) (\S+) (\S+)$/gm)].map((m) => ({ status: Number(m[1]), method: m[2], url: m[3] }));
  const bad = answers.filter((a) => a.status < 200 || a.status > 299);
  say(`${answers.length} HTTP requests: ${answers.length - bad.length} 2xx, ${bad.filter((a) => a.status === 409).length} 409, ${bad.length} not 2xx`);
  if (answers.length === 0) return ['the walkthrough made no HTTP request'];
  return bad.map((a) => `${a.method} ${a.url} answered ${a.status}`);
}

interface CaseView { id: string; type: string; status: string }
interface HistoryView { events: Array<{ action: string }> }

/** Each case the README opened: its type, the officer's actions in its history (exactly the README's), its end. */
export async function checkCases(engine: Engine, expected: Map<string, ExpectedCase>, kept: Map<string, string>): Promise<string[]> {
  const problems: string[] = [];
  const bearer = token(engine);
  const readmeActions = new Set([...expected.values()].flatMap((c) => c.actions));
  for (const [name, want] of expected) {
    const id = kept.get(name);
    if (!id) { problems.push(`$${name} kept no case number`); continue; }
    const got = await get<CaseView>(engine, bearer, `/api/v1/cases/${id}`);
    if (got.type !== want.type) problems.push(`$${name} (${id}) is a ${got.type} case, the README opened a ${want.type} one`);
    if (want.actions.at(-1) === 'respond' && got.status !== 'responded') problems.push(`$${name} (${id}) ended ${got.status}, not responded`);
    const history = await get<HistoryView>(engine, bearer, `/api/v1/cases/${id}/history`);
    const done = history.events.map((e) => e.action.replace(/^case\./, '')).filter((a) => readmeActions.has(a));
    if (done.join(',') !== want.actions.join(',')) problems.push(`$${name} (${id}) recorded ${done.join(', ') || 'no action'}; the README sent ${want.actions.join(', ')}`);
    say(`$${name} = ${id}: ${got.type}, ${got.status}, actions ${done.join(', ')}`);
  }
  const ids = [...kept.values()];
  if (new Set(ids).size !== ids.length) problems.push(`two variables kept the same case: ${[...kept].map(([k, v]) => `${k}=${v}`).join(' ')}`);
  const list = await get<{ items: CaseView[] }>(engine, bearer, '/api/v1/cases?limit=100');
  if (list.items.length !== expected.size) problems.push(`engine ${engine.name} holds ${list.items.length} cases; the README opened ${expected.size}`);
  return problems;
}

/** The second engine serves on its own ports with its own data: a case opened there is not in the first. */
export async function checkSecondEngine(a: Engine, b: Engine, casesInA: number): Promise<string[]> {
  const problems: string[] = [];
  for (const engine of [a, b]) {
    const health = await request(`${engine.base}/health`);
    if (!health.ok) problems.push(`engine ${engine.name} /health answered ${health.status}`);
    const ui = await request(engine.uiUrl).then((r) => r.status, () => 0);
    if (ui !== 200) problems.push(`engine ${engine.name}'s Temporal UI (${engine.uiUrl}) answered ${ui}`);
  }
  const bearer = token(b);
  const opened = await request(`${b.base}/api/v1/cases`, {
    method: 'POST', headers: { authorization: `Bearer ${bearer}`, 'content-type': 'application/json' },
    body: JSON.stringify({ type: 'access', subject: { name: 'Второй Движок', email: 'b@example.ru' }, channel: 'email', receivedAt: new Date().toISOString() }),
  });
  if (opened.status !== 201) problems.push(`opening a case on engine b answered ${opened.status}`);
  const inB = await get<{ items: CaseView[] }>(b, bearer, '/api/v1/cases?limit=100');
  if (inB.items.length !== 1) problems.push(`engine b holds ${inB.items.length} cases, not the 1 opened there`);
  const inA = await get<{ items: CaseView[] }>(a, token(a), '/api/v1/cases?limit=100');
  if (inA.items.length !== casesInA) problems.push(`engine a holds ${inA.items.length} cases after engine b opened one; the README opened ${casesInA}`);
  say(`engine b: ${b.base} (Temporal UI ${b.uiUrl}) answered beside engine a (${a.base}); its case ${problems.length ? 'NOT ' : ''}kept apart`);
  return problems;
}
