import { Writable } from 'node:stream';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { loggerOptions } from '../../../platform/logger';

function capture() {
  const lines: string[] = [];
  const stream = new Writable({ write(chunk, _enc, done) { lines.push(String(chunk)); done(); } });
  return { log: pino(loggerOptions('info'), stream), text: () => lines.join('') };
}

describe('logs', () => {
  it('never carry the subject, tokens, bodies or the row values PostgreSQL quotes in errors', () => {
    const { log, text } = capture();
    const err = Object.assign(new Error('new row violates check constraint'), { detail: 'Failing row contains (DSAR-2026-000001, Ivan Petrov, ivan@example.ru)' });
    log.info({ subject: { name: 'Ivan Petrov', email: 'ivan@example.ru' }, req: { headers: { authorization: 'Bearer dsar_secret' } } }, 'case opened');
    log.info({ opened: { subject: { name: 'Ivan Petrov' } }, body: { note: 'passport 4510 123456' }, token: 'dsar_secret2' }, 'x');
    log.error({ err }, 'request failed');
    log.warn({ activity: { input: { subject: { name: 'Ivan Petrov', email: 'ivan@example.ru' } } } }, 'deeply nested');
    const out = text();
    for (const secret of ['Ivan Petrov', 'ivan@example.ru', 'dsar_secret', 'passport 4510']) expect(out).not.toContain(secret);
    expect(out).toContain('[redacted]');
    expect(out).toContain('new row violates check constraint'); // the error itself stays useful
  });
});
