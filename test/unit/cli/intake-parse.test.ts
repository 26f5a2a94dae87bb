import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

/** `npx dsar intake parse`: what intake would make of a message, as JSON, with no side effects (no database). */
const root = path.resolve(__dirname, '../../..');
const MAIL = path.join(root, 'test/fixtures/mail');
const dsar = (...args: string[]) => spawnSync(process.execPath, [path.join(root, 'bin/dsar.cjs'), 'intake', 'parse', ...args], {
  cwd: root, encoding: 'utf8', env: { ...process.env, DATABASE_URL: 'postgres://nobody@127.0.0.1:1/none' },
});

const PASSPORT = [
  'From: Анна Смирнова <anna@example.ru>', 'To: wellpro@wellengineering.ru', 'Subject: Прошу удалить мои данные',
  'Message-ID: <passport@example.ru>', 'Content-Type: text/plain; charset=utf-8', '',
  'Прошу удалить мои персональные данные. Паспорт серия 45 12 номер 345678, выдан ОВД Тверского района г. Москвы 01.03.2015.',
  'Договор № 15/2024 от 01.02.2024.', 'С уважением, Смирнова Анна Петровна', '',
].join('\r\n');

describe('dsar intake parse', { timeout: 30_000 }, () => {
  it('prints the classification, the subject, what art. 14 p.3 still lacks, with the passport number masked', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'dsar-intake-'));
    writeFileSync(path.join(dir, 'passport.eml'), PASSPORT);
    const run = dsar(path.join(dir, 'passport.eml'));
    expect(run.status, run.stderr).toBe(0);
    const report = JSON.parse(run.stdout);
    expect(report).toMatchObject({
      requestType: 'deletion', language: 'ru', subject: { email: 'anna@example.ru' }, autoReply: null, signed: false,
      identity: { signature: true, relations: [expect.objectContaining({ value: expect.stringContaining('15/2024') })] },
    });
    expect(report.matched.join(' ')).toMatch(/удалить мои персональные данные/i);
    expect(report.missing).not.toContain('identity_document');
    for (const key of ['requestType', 'demands', 'confidence', 'matched', 'language', 'subject', 'identity', 'missing', 'autoReply', 'signed', 'attachments']) {
      expect(report).toHaveProperty(key);
    }
    expect(run.stdout).not.toContain('345678'); // the number is masked in output that does not need it
    expect(report.identity.documents[0].masked).toMatch(/78$/);
  });

  it('reads a folder with --batch, one JSON line per file: auto-replies are no request, forwards name the original sender', () => {
    const run = dsar('--batch', MAIL);
    expect(run.status, run.stderr).toBe(0);
    const lines = run.stdout.trim().split('\n').map((l) => JSON.parse(l) as { file: string; requestType: string | null; autoReply: unknown; subject: { email: string } });
    expect(lines.length).toBeGreaterThanOrEqual(20);
    const byFile = Object.fromEntries(lines.map((l) => [l.file, l]));
    expect(byFile['auto-submitted.eml']).toMatchObject({ requestType: null, autoReply: { reason: expect.any(String) } });
    expect(byFile['forwarded-gmail.eml']!.subject.email).not.toMatch(/@wellengineering\.ru$/);
    expect(byFile['generate.ts']).toHaveProperty('rawSha256'); // any file is read as a message; it does not stop the batch
  });

  it('says what is wrong with the arguments, and exits 2 for a message it cannot read', () => {
    expect(dsar().status).toBe(1);
    const dir = mkdtempSync(path.join(os.tmpdir(), 'dsar-intake-'));
    writeFileSync(path.join(dir, 'empty.eml'), '\r\n\r\n');
    const run = dsar(path.join(dir, 'empty.eml'));
    expect(run.status).toBe(2);
    expect(JSON.parse(run.stdout).error).toMatchObject({ code: 'message_unreadable', reason: 'empty' });
  });
});
