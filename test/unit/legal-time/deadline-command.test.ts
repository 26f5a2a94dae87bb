import { PassThrough } from 'node:stream';
import { Command } from 'commander';
import { afterEach, describe, expect, it } from 'vitest';
import { registerDeadlineCommand, runBatch } from '../../../cli/deadline-command';
import { builtInCalendar } from '../../../domain/legal-time';

const calendar = builtInCalendar();
const opts = { calendar, timeZone: 'Europe/Moscow' };

async function batch(lines: string[], chunkSize?: number) {
  const chunks: string[] = [];
  const summary = await runBatch(lines, (chunk) => void chunks.push(chunk), { ...opts, chunkSize });
  return { summary, chunks, out: chunks.join('').trimEnd().split('\n').map((l) => JSON.parse(l)) };
}

describe('runBatch', () => {
  it('keeps order, reports bad lines with their line number and goes on', async () => {
    const { summary, out } = await batch([
      '{"rule":"access","from":"2025-10-24"}',
      'not json',
      '{"rule":"nope","from":"2025-10-24"}',
      '',
      '{"rule":"access","from":"24.10.2025"}',
      '{"rule":"access","from":"2025-10-24","tz":"UTC"}',
      '["access"]',
      '{"rule":"incident_initial","from":"2025-10-24"}',
      '{"rule":"demand_cease","from":"2026-05-06"}',
    ]);
    expect(summary).toEqual({ lines: 8, errors: 6 });
    expect(out.map((o) => o.due ?? o.error.code)).toEqual([
      '2025-11-10', 'invalid_json', 'unknown_rule', 'invalid_from', 'unknown_field', 'invalid_request', 'instant_required', '2026-05-21',
    ]);
    expect(out.filter((o) => o.error).map((o) => o.error.line)).toEqual([2, 3, 5, 6, 7, 8]);
    expect(out[1].error.message).toMatch(/valid JSON/);
  });

  it('writes in chunks, not per line, and accepts async input', async () => {
    async function* lines() {
      for (let i = 0; i < 1000; i += 1) yield '{"rule":"access","from":"2025-10-24"}';
    }
    const chunks: string[] = [];
    const summary = await runBatch(lines(), (c) => void chunks.push(c), { ...opts, chunkSize: 8192 });
    expect(summary).toEqual({ lines: 1000, errors: 0 });
    expect(chunks.length).toBeLessThan(100);
    expect(chunks.join('').split('\n').filter(Boolean)).toHaveLength(1000);
  });

  it('awaits a writer that signals backpressure', async () => {
    let pending = 0;
    const write = (_: string) => new Promise<void>((resolve) => { pending += 1; setTimeout(() => { pending -= 1; resolve(); }, 1); });
    await runBatch(Array(50).fill('{"rule":"access","from":"2025-10-24"}'), write, { ...opts, chunkSize: 100 });
    expect(pending).toBe(0);
  });
});

describe('deadline command', () => {
  afterEach(() => {
    process.exitCode = undefined;
  });

  async function run(args: string[], stdinText = '') {
    const stdin = new PassThrough();
    const stdout = new PassThrough();
    const stderr = new PassThrough();
    let out = '';
    let err = '';
    stdout.on('data', (d) => (out += String(d)));
    stderr.on('data', (d) => (err += String(d)));
    stdin.end(stdinText);
    const program = new Command().exitOverride();
    registerDeadlineCommand(program, {
      loadCalendar: () => calendar, timeZone: () => 'Europe/Moscow', internalTerms: () => ({}), io: { stdin, stdout, stderr },
    });
    await program.parseAsync(['deadline', ...args], { from: 'user' });
    return { out, err, code: process.exitCode };
  }

  it('prints one JSON line', async () => {
    const { out, code } = await run(['--rule', 'access', '--from', '2025-10-24']);
    expect(out.endsWith('\n') && out.split('\n')).toHaveLength(2);
    expect(JSON.parse(out)).toMatchObject({ rule: 'access', due: '2025-11-10', extendedDue: '2025-11-17' });
    expect(code).toBe(0);
  });

  it('honours --tz', async () => {
    const { out } = await run(['--rule', 'access', '--from', '2025-10-24', '--tz', 'Asia/Vladivostok']);
    expect(JSON.parse(out).dueAt).toBe('2025-11-11T00:00:00+10:00');
  });

  it('prints a JSON error and exits 2', async () => {
    const { out, err, code } = await run(['--rule', 'acess', '--from', '2025-10-24']);
    expect(JSON.parse(out).error.code).toBe('unknown_rule');
    expect(err).toMatch(/unknown rule/);
    expect(code).toBe(2);
    expect(JSON.parse((await run(['--rule', 'access'])).out).error.code).toBe('missing_option');
  });

  it('--batch reads stdin and exits 1 when a line failed', async () => {
    const { out, code } = await run(['--batch'], '{"rule":"access","from":"2025-10-24"}\n{"rule":"x","from":"2025-10-24"}\n');
    expect(out.trimEnd().split('\n').map((l) => JSON.parse(l).due ?? JSON.parse(l).error.code)).toEqual(['2025-11-10', 'unknown_rule']);
    expect(code).toBe(1);
  });
});
