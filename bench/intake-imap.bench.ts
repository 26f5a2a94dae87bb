/**
 * E-mail-to-case throughput through a real dovecot (issue 8): N letters delivered by LMTP while the production
 * intake process (intake/main.ts, the real classifier) reads the mailbox by IDLE, measured from the first delivery
 * to the last case row committed; beside it, in the same run, the bare limit: the same N delivered by LMTP and
 * fetched with imapflow (and moved to Processed, as intake does) without taking them in.
 * `node --require tsx/cjs bench/intake-imap.bench.ts` (part of `npm run bench`). No case worker runs: the case row
 * is written by intake once the workflow is started, so acknowledgements are not part of this figure.
 */
import { spawn } from 'node:child_process';
import { openSync } from 'node:fs';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { ImapFlow } from 'imapflow';
import { startDovecot, type Dovecot } from '../test/helpers/dovecot';
import { envCount } from './bench-util';
import { startBenchEngine, stopChild, tail, TASK_QUEUE, type BenchEngine } from './harness';
import { printFigures, type Figure } from './report';

const MESSAGES = envCount('BENCH_INTAKE_IMAP_MESSAGES', 500);
/** Deliveries in flight at once: a mail server hands over several messages in parallel. */
const DELIVERY_CONCURRENCY = 10;
const log = (msg: string) => console.error(msg);

/** Free-form letters of every request type, Russian and English, one of them a triage case: each opens a case. */
const BODIES = [
  'Прошу удалить мои персональные данные из ваших систем.',
  'Прошу предоставить сведения об обработке моих персональных данных. Договор № 2024-117.',
  'Настоящим отзываю согласие на обработку персональных данных.',
  'Прошу прекратить обработку моих персональных данных в рекламных целях.',
  'Please erase all personal data you hold about me.',
  'Здравствуйте! Подскажите, пожалуйста, режим работы офиса.',
];
function letter(run: string, i: number): Buffer {
  return Buffer.from(`From: Subject ${i} <subject${i}@example.ru>\r\nTo: wellpro@wellengineering.ru\r\nSubject: Обращение ${i}\r\n`
    + `Message-ID: <${run}-${i}@example.ru>\r\nDate: ${new Date().toUTCString()}\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n`
    + `${BODIES[i % BODIES.length]}\r\nС уважением, Субъект ${i}\r\n`);
}

async function deliverAll(dovecot: Dovecot, run: string): Promise<void> {
  for (let i = 0; i < MESSAGES; i += DELIVERY_CONCURRENCY) {
    await Promise.all(Array.from({ length: Math.min(DELIVERY_CONCURRENCY, MESSAGES - i) }, (_, j) => dovecot.deliver(letter(run, i + j))));
  }
}

/** The bare limit: what intake's IMAP side does (IDLE, fetch by UID in chunks of 20, move to Processed), minus taking in. */
async function bareSeconds(dovecot: Dovecot): Promise<number> {
  const c = new ImapFlow({ host: '127.0.0.1', port: dovecot.imapPort, secure: false, auth: { user: dovecot.user, pass: dovecot.password }, logger: false, autoIdleDelay: 1_000 });
  await c.connect();
  await c.mailboxOpen('INBOX');
  let fetched = 0;
  let lastUid = 0;
  let wake: () => void = () => undefined;
  c.on('exists', () => wake());
  const t0 = Date.now();
  const delivering = deliverAll(dovecot, 'bare');
  while (fetched < MESSAGES) {
    const uids = ((await c.search({ uid: `${lastUid + 1}:*` }, { uid: true })) || []).filter((u) => u > lastUid).sort((a, b) => a - b).slice(0, 20);
    if (!uids.length) {
      await Promise.race([new Promise<void>((r) => { wake = r; }), sleep(1_000)]);
      continue;
    }
    for await (const m of c.fetch(uids.join(','), { uid: true, source: true, internalDate: true }, { uid: true })) if (m.source) fetched += 1;
    lastUid = Math.max(...uids);
    await c.messageMove(uids.join(','), 'Processed', { uid: true });
  }
  const seconds = (Date.now() - t0) / 1000;
  await delivering;
  await c.logout();
  return seconds;
}

/** The production intake process on the bench's engine; resolves once it reads the mailbox (state `ok`). */
async function startIntake(engine: BenchEngine, dovecot: Dovecot) {
  const logFile = path.join(engine.scratch, 'intake.log');
  const out = openSync(logFile, 'a');
  const child = spawn(process.execPath, ['--require', 'tsx/cjs', 'intake/main.ts'], {
    cwd: path.resolve(__dirname, '..'), stdio: ['ignore', out, out],
    env: { ...process.env, ...engine.workerEnv, TEMPORAL_TASK_QUEUE: TASK_QUEUE, IMAP_URL: dovecot.imapUrl, IMAP_POLL_INTERVAL_MS: '60000', LOG_LEVEL: 'info', LOG_FORMAT: 'json' },
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  engine.track(() => stopChild(child, exited));
  for (const until = Date.now() + 60_000; ;) {
    const { rows } = await engine.pool.query(`SELECT state FROM intake_cursors WHERE state = 'ok'`);
    if (rows.length) break;
    if (child.exitCode !== null || Date.now() > until) throw new Error(`the intake process did not start:\n${tail(logFile)}`);
    await sleep(200);
  }
  await sleep(1_500); // settled into IDLE
}

async function engineSeconds(engine: BenchEngine, dovecot: Dovecot): Promise<number> {
  await startIntake(engine, dovecot);
  const casesBefore = Number((await engine.pool.query(`SELECT count(*) AS n FROM cases WHERE opened_by = 'intake'`)).rows[0].n);
  const t0 = Date.now();
  await deliverAll(dovecot, 'engine');
  const until = Date.now() + 600_000;
  for (;;) {
    const { rows: [row] } = await engine.pool.query(`SELECT count(*)::int AS n, max(created_at) AS last FROM cases WHERE opened_by = 'intake'`);
    if (row.n - casesBefore >= MESSAGES) return ((row.last as Date).getTime() - t0) / 1000;
    if (Date.now() > until) throw new Error(`bench: only ${row.n} of ${MESSAGES} cases within 10 minutes`);
    await sleep(200);
  }
}

async function main(): Promise<void> {
  const [engine, dovecot] = await Promise.all([startBenchEngine(log), startDovecot()]);
  engine.track(() => dovecot.stop());
  process.once('SIGINT', () => void engine.stop().finally(() => process.exit(130)));
  try {
    const bare = await bareSeconds(dovecot);
    log(`bench: bare LMTP delivery + IMAP fetch of ${MESSAGES}: ${bare.toFixed(2)} s`);
    const taken = await engineSeconds(engine, dovecot);
    log(`bench: e-mail to case through dovecot, ${MESSAGES} messages: ${taken.toFixed(2)} s`);
    const value = MESSAGES / taken;
    const bareRate = MESSAGES / bare;
    const figure: Figure = {
      bench: 'intake.imap-to-case', label: `e-mail to case via dovecot, ${MESSAGES.toLocaleString('en-US')} messages`, unit: 'req/s',
      value, bare: bareRate, ratio: value / bareRate, aim: 'beside LMTP + IMAP fetch', met: true,
    };
    printFigures([figure]);
  } finally {
    await engine.stop();
  }
}

main().catch((err) => {
  console.error(`intake IMAP bench failed: ${err instanceof Error ? err.stack ?? err.message : String(err)}`);
  process.exit(1);
});
