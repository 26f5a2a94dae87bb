/**
 * 2,000+ malformed and hostile messages, generated from a seeded PRNG: mutations of the good fixtures
 * (truncation, flipped bytes, NULs, CR/LF injection, broken boundaries, base64 and QP, unknown charsets)
 * plus the named pathological cases. Each must parse (with warnings) or end in MessageTooLarge /
 * MessageUnreadable within the per-message bound; a good message parsed afterwards still parses right.
 */
import { readdirSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { MessageTooLarge, MessageUnreadable, parseMessage } from '../../../intake/parse-message';
import type { ParsedMessage } from '../../../domain/intake/message';
import { FIXTURES, OPERATOR, crlf, fixture, nested, nestedMessages, plain, withAttachment } from './mail-builders';
import { seeded } from '../../../bench/bench-util';

const SEED = 20261202;
const MUTATED = 2_000;
// The bound grows with the message (postal-mime is linear: ~1–2 s for a 27 MB message on a loaded
// 2-core machine), so a stall or a quadratic path stands out at any size.
const MiB = 1024 * 1024;
const boundMs = (raw: Buffer) => 2_000 + (raw.length / MiB) * 300;


type Mutation = (raw: Buffer, rnd: () => number) => Buffer;
const at = (raw: Buffer, rnd: () => number) => Math.floor(rnd() * (raw.length + 1));
const splice = (raw: Buffer, i: number, remove: number, insert: Buffer | string) =>
  Buffer.concat([raw.subarray(0, i), Buffer.from(insert), raw.subarray(Math.min(raw.length, i + remove))]);

const MUTATIONS: Record<string, Mutation> = {
  truncate: (raw, rnd) => raw.subarray(0, at(raw, rnd)),
  flipBytes: (raw, rnd) => {
    const out = Buffer.from(raw);
    for (let n = 1 + Math.floor(rnd() * 20); n > 0 && out.length; n--) out[Math.floor(rnd() * out.length)] = Math.floor(rnd() * 256);
    return out;
  },
  nulBytes: (raw, rnd) => splice(raw, at(raw, rnd), 0, Buffer.alloc(1 + Math.floor(rnd() * 64))),
  crlfInjection: (raw, rnd) => splice(raw, at(raw, rnd), 0, '\r\nBcc: victim@example.com\r\n'),
  bareCrLf: (raw, rnd) => splice(raw, at(raw, rnd), 0, rnd() < 0.5 ? '\r\r\r' : '\n\n\n'),
  duplicateSlice: (raw, rnd) => {
    const i = at(raw, rnd);
    return splice(raw, i, 0, raw.subarray(i, i + Math.floor(rnd() * 2000)));
  },
  deleteSlice: (raw, rnd) => splice(raw, at(raw, rnd), Math.floor(rnd() * 500), ''),
  breakBoundary: (raw) => Buffer.from(raw.toString('latin1').replace(/boundary="?([^";\r\n]+)/i, 'boundary="zz$1"'), 'latin1'),
  dropClosingBoundaries: (raw) => Buffer.from(raw.toString('latin1').replace(/^--[^\r\n]*--\r?$/gm, ''), 'latin1'),
  breakBase64: (raw, rnd) => Buffer.from(raw.toString('latin1').replace(/^([A-Za-z0-9+/]{8,})$/gm, (line) => (rnd() < 0.5 ? `${line.slice(0, 5)}!*~${line.slice(7)}` : line.slice(0, -3))), 'latin1'),
  breakQp: (raw) => Buffer.from(raw.toString('latin1').replace(/=([0-9A-F]{2})/g, (m, hex: string, i: number) => (i % 3 ? `=${hex[0]}Z` : m)), 'latin1'),
  unknownCharset: (raw, rnd) => Buffer.from(raw.toString('latin1').replace(/charset=[^;\s]+/gi, () => `charset=${['x-unknown', 'koi8-z', '', '"', 'utf-9', 'windows-9999'][Math.floor(rnd() * 6)]}`), 'latin1'),
  swapEncoding: (raw, rnd) => Buffer.from(raw.toString('latin1').replace(/Content-Transfer-Encoding: *\S+/gi, () => `Content-Transfer-Encoding: ${['base64', 'quoted-printable', '7bit', 'x-uuencode', 'binary'][Math.floor(rnd() * 5)]}`), 'latin1'),
  brokenEncodedWord: (raw, rnd) => splice(raw, at(raw, rnd), 0, ['=?utf-8?B?0J/R', '=?koi8-r?Q?=F0=', '=?x-bad?B?AAAA?=', '=?utf-8?Q?=0D=0A=00?='][Math.floor(rnd() * 4)]!),
};
const NAMES = Object.keys(MUTATIONS);

function mutate(seedMessages: Buffer[], rnd: () => number): { raw: Buffer; how: string } {
  let raw = seedMessages[Math.floor(rnd() * seedMessages.length)]!;
  const how: string[] = [];
  for (let n = 1 + Math.floor(rnd() * 4); n > 0; n--) {
    const name = NAMES[Math.floor(rnd() * NAMES.length)]!;
    raw = MUTATIONS[name]!(raw, rnd);
    how.push(name);
  }
  return { raw, how: how.join('+') };
}

/** The named pathological cases, beside the random mutations. */
function pathological(): Array<{ raw: Buffer; how: string }> {
  const parts = Array.from({ length: 10_000 }, (_, i) => `--p\r\nContent-Type: text/plain\r\n\r\npart ${i}\r\n`).join('');
  return [
    { how: '50-deep multipart', raw: nested(50) },
    { how: '1000-deep multipart', raw: nested(1000) },
    { how: '50-deep message/rfc822', raw: nestedMessages(50) },
    { how: 'huge header (1 MB)', raw: plain(`X-Huge: ${'x'.repeat(1024 * 1024)}\n`, 'hi\n') },
    { how: '50,000 small headers', raw: plain('X-A: b\n'.repeat(50_000), 'hi\n') },
    { how: '20 MB attachment', raw: withAttachment(Buffer.alloc(20 * 1024 * 1024, 9)) },
    { how: 'message above 32 MiB', raw: withAttachment(Buffer.alloc(25 * 1024 * 1024, 9)) },
    { how: 'zip-bomb-like attachment', raw: withAttachment(gzipSync(Buffer.alloc(50 * 1024 * 1024)), 'bomb.gz', 'application/gzip') },
    { how: 'only NUL bytes', raw: Buffer.alloc(100_000) },
    { how: 'NUL bytes in headers and body', raw: plain('X-Nul: a\u0000b\n', 'delete\u0000my\u0000data\n') },
    { how: '10,000 parts', raw: crlf(`From: a@example.ru\nSubject: parts\nContent-Type: multipart/mixed; boundary="p"\n\n${parts}--p--\n`) },
    { how: '5 MB line, no newline', raw: Buffer.from(`Subject: ${'A'.repeat(5 * 1024 * 1024)}`) },
    { how: 'multipart without boundary', raw: crlf('From: a@example.ru\nContent-Type: multipart/mixed\n\n--x\n\nhello\n') },
    { how: 'only boundaries', raw: crlf(`Content-Type: multipart/mixed; boundary="b"\n\n${'--b\n'.repeat(50_000)}`) },
    { how: '20,000-deep HTML', raw: crlf(`Content-Type: text/html\n\n${'<div><b>'.repeat(20_000)}x\n`) },
    { how: '10,000 encoded-words', raw: Buffer.from(plain('', 'x\n').toString('latin1').replace('Subject: test', `Subject: ${'=?utf-8?B?0J/RgNC+?= '.repeat(10_000)}`), 'latin1') },
    { how: 'raw 8-bit garbage headers', raw: Buffer.concat([Buffer.from('Subject: '), Buffer.from(Array.from({ length: 4000 }, (_, i) => 128 + (i % 128))), Buffer.from('\r\nFrom: '), Buffer.alloc(300, 0xff), Buffer.from('\r\n\r\nbody')]) },
    { how: 'header injection in address', raw: crlf('From: "a\r\nBcc: x@y" <a@example.ru>\nTo: =?utf-8?Q?b=0D=0ABcc:_c?= <b@example.ru>\nSubject: x\n\nbody\n') },
    { how: 'empty', raw: Buffer.alloc(0) },
  ];
}

const CONTROL = /[\u0000-\u0008\u000a-\u001f\u007f]/;

function expectSafe(m: ParsedMessage): void {
  for (const value of [m.subject, m.from?.name, m.from?.email, m.messageId, m.forwardedFrom?.email, ...m.to, ...m.attachments.map((a) => a.filename)]) {
    if (value !== undefined) expect(value).not.toMatch(CONTROL);
  }
  expect(typeof m.text).toBe('string');
  expect(m.text.includes('\u0000')).toBe(false);
  expect(m.rawSha256).toMatch(/^[0-9a-f]{64}$/);
}

describe('hostile corpus', () => {
  it(`${MUTATED} mutated messages and the named pathological cases each parse or end in a recorded rejection, in time`, async () => {
    const seeds = readdirSync(FIXTURES).filter((f) => f.endsWith('.eml')).map(fixture);
    const rnd = seeded(SEED); // a failing message can be regenerated from SEED and its index
    const corpus = [...pathological(), ...Array.from({ length: MUTATED }, () => mutate(seeds, rnd))];
    const outcome = { parsed: 0, withWarnings: 0, tooLarge: 0, unreadable: new Map<string, number>() };
    let slowest = { ms: 0, how: '' };
    const started = performance.now();
    for (const [i, { raw, how }] of corpus.entries()) {
      const t0 = performance.now();
      try {
        const m = await parseMessage(raw, OPERATOR);
        expectSafe(m);
        outcome.parsed++;
        if (m.warnings.length) outcome.withWarnings++;
      } catch (err) {
        if (err instanceof MessageTooLarge) outcome.tooLarge++;
        else if (err instanceof MessageUnreadable) outcome.unreadable.set(err.reason, (outcome.unreadable.get(err.reason) ?? 0) + 1);
        else throw new Error(`message ${i} (${how}) failed with ${String(err)}`);
      }
      const ms = performance.now() - t0;
      if (ms > slowest.ms) slowest = { ms, how: `#${i} ${how}` };
      expect(ms, `message ${i} (${how})`).toBeLessThan(boundMs(raw));
    }
    const total = performance.now() - started;
    console.log(`hostile corpus: ${corpus.length} messages in ${Math.round(total)} ms; parsed ${outcome.parsed} (${outcome.withWarnings} with warnings), too large ${outcome.tooLarge}, unreadable ${JSON.stringify(Object.fromEntries(outcome.unreadable))}; slowest ${Math.round(slowest.ms)} ms (${slowest.how})`);
    expect(corpus.length).toBeGreaterThanOrEqual(2_000);
    expect(outcome.tooLarge).toBeGreaterThan(0);
    expect(outcome.unreadable.get('nesting_too_deep')).toBeGreaterThan(0);
    expect(outcome.withWarnings).toBeGreaterThan(100);

    const good = await parseMessage(fixture('cp1251-body-encoded-subject.eml'), OPERATOR);
    expect(good.subject).toBe('Удаление персональных данных');
    expect(good.text).toContain('Удалите, пожалуйста, мои персональные данные.');
    expect(good.warnings).toEqual([]);
  }, 120_000);
});
