import { Writable } from 'node:stream';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { loggerOptions } from '../../../platform/logger';
import { PinoSdkLogger, sdkLogLevel } from '../../../platform/temporal-logger';

function capture(level = 'info') {
  const lines: string[] = [];
  const stream = new Writable({ write(chunk, _enc, done) { lines.push(String(chunk)); done(); } });
  return { log: pino(loggerOptions(level), stream), text: () => lines.join('') };
}

/** What the pg driver throws for a CHECK violation: the row's values are in `detail`. */
const pgError = () => Object.assign(new Error('new row for relation "cases" violates check constraint "cases_id_check"'), {
  code: '23514', detail: 'Failing row contains (ivan@example.ru)',
});

describe('the Temporal SDK logger adapter', () => {
  it('does not print the row values of a PostgreSQL error the SDK logs, at any depth', () => {
    const { log, text } = capture();
    const sdk = new PinoSdkLogger(log);
    sdk.warn('Activity failed', { error: pgError(), activityType: 'recordOpened' });
    const wrapped = Object.assign(new Error('Activity task failed'), { cause: pgError() });
    sdk.error('Workflow task failed', { failure: { error: wrapped } });
    const out = text();
    expect(out).not.toContain('ivan@example.ru');
    expect(out).toContain('[redacted]');
    // The log stays useful: what failed, and where.
    expect(out).toContain('violates check constraint');
    expect(out).toContain('"activityType":"recordOpened"');
    expect(out).toContain('"code":"23514"');
  });

  it('censors a case\'s subject (name, e-mail) wherever the SDK logs a workflow input or a failure with it', () => {
    const { log, text } = capture();
    const sdk = new PinoSdkLogger(log);
    const input = { caseId: 'DSAR-2026-000001', type: 'access', subject: { name: 'Иван Петров', email: 'ivan.petrov@example.ru', phone: '+7 900 111-22-33' } };
    sdk.warn('Workflow task failed', { workflowType: 'caseWorkflow', input: [input] });
    sdk.error('Activity failed', { failure: { cause: { details: [{ subject: 'Иван Петров' }] } } });
    const out = text();
    for (const value of ['Иван Петров', 'ivan.petrov@example.ru', '+7 900 111-22-33']) expect(out).not.toContain(value);
    expect(out).toContain('"caseId":"DSAR-2026-000001"');
    expect(out).toContain('"subject":"[redacted]"');
  });

  it('keeps the SDK chatter at WARN when the application logs at info', () => {
    const { log, text } = capture('info');
    const sdk = new PinoSdkLogger(log);
    sdk.info('Worker state changed', { state: 'RUNNING' });
    sdk.warn('Worker polling failed');
    expect(text()).not.toContain('Worker state changed');
    expect(text()).toContain('Worker polling failed');
    expect(sdkLogLevel('debug')).toBe('debug');
    expect(sdkLogLevel('error')).toBe('error');
  });
});
