/**
 * E-mail intake's parse and classification (issue 8): messages per second through `parseMessage` + `understand`
 * (charset repair, forwards, auto-replies, signatures, attachments' hashes, the classifier and the identity reader)
 * beside the bare MIME library (postal-mime) parsing the same corpus, in the same run:
 * `node --require tsx/cjs bench/intake-parse.bench.ts` (part of `npm run bench`).
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import PostalMime from 'postal-mime';
import { parseMessage } from '../intake/parse-message';
import { understand } from '../intake/understand';
import { envCount } from './bench-util';
import { printFigures, type Figure } from './report';

const MESSAGES = envCount('BENCH_INTAKE_MESSAGES', 3_000);
const FIXTURES = path.resolve(__dirname, '../test/fixtures/mail');

/** The test fixtures (every charset, forwards, auto-replies, signatures, attachments), each copy with its own Message-ID. */
function corpus(): Buffer[] {
  const files = readdirSync(FIXTURES).filter((f) => f.endsWith('.eml')).sort().map((f) => readFileSync(path.join(FIXTURES, f)));
  return Array.from({ length: MESSAGES }, (_, i) => Buffer.concat([Buffer.from(`X-Bench-Copy: ${i}\r\n`), files[i % files.length]!]));
}

async function perSecond(messages: Buffer[], fn: (raw: Buffer) => Promise<unknown>): Promise<number> {
  for (const raw of messages.slice(0, 200)) await fn(raw); // warm-up
  const t0 = performance.now();
  for (const raw of messages) await fn(raw);
  return messages.length / ((performance.now() - t0) / 1000);
}

async function main(): Promise<void> {
  const messages = corpus();
  const options = { operatorDomains: ['wellengineering.ru'] };
  const bare = await perSecond(messages, (raw) => PostalMime.parse(raw));
  const engine = await perSecond(messages, async (raw) => understand(await parseMessage(raw, options)));
  console.error(`bench: intake parse + classify ${engine.toFixed(0)} msg/s; bare postal-mime ${bare.toFixed(0)} msg/s (${MESSAGES} messages)`);
  const figure: Figure = {
    bench: 'intake.parse-classify', label: `e-mail parse + classify, ${MESSAGES.toLocaleString('en-US')} messages`, unit: 'req/s',
    value: engine, bare, ratio: engine / bare, aim: 'beside the bare parse', met: true,
  };
  printFigures([figure]);
}

main().catch((err) => {
  console.error(`intake bench failed: ${err instanceof Error ? err.stack ?? err.message : String(err)}`);
  process.exit(1);
});
