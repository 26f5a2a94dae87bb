import { describe, expect, it } from 'vitest';
import { formatDay, pluralize } from '../../../letters/filters';
import { letterMessageId } from '../../../letters/outbox';
import { describeSmtpError } from '../../../letters/send';
import { ConfigError, DEFAULT_LETTER_FROM, letterSettings } from '../../../platform/config';

describe('letter settings', () => {
  const noFile = () => { throw new Error('ENOENT'); };

  it('without SMTP_URL there is no SMTP and the From is the operator mailbox', () => {
    expect(letterSettings({}, noFile)).toEqual({ smtp: undefined, from: DEFAULT_LETTER_FROM, templatesDir: undefined });
  });

  it('reads host, port, TLS and credentials from SMTP_URL; SMTP_PASSWORD_FILE overrides the password', () => {
    expect(letterSettings({ SMTP_URL: 'smtp://mailer:p%40ss@mail.example.ru:2525' }, noFile).smtp)
      .toEqual({ host: 'mail.example.ru', port: 2525, secure: false, user: 'mailer', password: 'p@ss' });
    expect(letterSettings({ SMTP_URL: 'smtps://mailer@mail.example.ru', SMTP_PASSWORD_FILE: '/run/secrets/smtp' }, () => 's3cret\n').smtp)
      .toEqual({ host: 'mail.example.ru', port: 465, secure: true, user: 'mailer', password: 's3cret' });
    expect(letterSettings({ SMTP_URL: 'smtp://mail.example.ru' }, noFile).smtp).toMatchObject({ port: 587, user: undefined, password: undefined });
  });

  it('refuses a bad SMTP_URL without printing its password', () => {
    const bad = () => letterSettings({ SMTP_URL: 'http://mailer:hunter2@mail.example.ru' }, noFile);
    expect(bad).toThrow(ConfigError);
    expect(bad).toThrow(/smtp:\/\/ or smtps:\/\//);
    try { bad(); } catch (err) { expect((err as Error).message).not.toContain('hunter2'); }
    expect(() => letterSettings({ SMTP_URL: 'smtp://x@h', SMTP_PASSWORD_FILE: '/nope' }, noFile)).toThrow(/SMTP_PASSWORD_FILE/);
  });

  it('takes SMTP_FROM as an address or "Name <address>", refuses anything else', () => {
    expect(letterSettings({ SMTP_FROM: 'ООО «Ромашка» <dpo@romashka.ru>' }, noFile).from).toBe('ООО «Ромашка» <dpo@romashka.ru>');
    expect(() => letterSettings({ SMTP_FROM: 'romashka' }, noFile)).toThrow(/SMTP_FROM/);
  });
});

describe('formatting in letters', () => {
  it('formats dates per language and refuses what is not a calendar date', () => {
    expect(formatDay('2026-01-09', 'ru')).toBe('09.01.2026');
    expect(formatDay('2026-01-09', 'en')).toBe('9 January 2026');
    for (const bad of ['2026-02-29', '09.01.2026', undefined, 20260109]) expect(() => formatDay(bad, 'ru')).toThrow(/YYYY-MM-DD/);
  });

  it('chooses the Russian plural form by the number', () => {
    const forms = ['рабочий день', 'рабочих дня', 'рабочих дней'];
    expect([1, 2, 5, 11, 21, 22, 25].map((n) => pluralize(n, 'ru', forms))).toEqual([
      '1 рабочий день', '2 рабочих дня', '5 рабочих дней', '11 рабочих дней', '21 рабочий день', '22 рабочих дня', '25 рабочих дней',
    ]);
    expect(pluralize(1, 'en', ['day', 'days'])).toBe('1 day');
    expect(() => pluralize(2, 'ru', ['day', 'days'])).toThrow(/3 word forms/);
  });
});

describe('outbox details', () => {
  it('derives a stable Message-ID from the dedupe key and the sender domain', () => {
    const id = letterMessageId('DSAR-2025-000042:acknowledgement', 'WellPRO <wellpro@wellengineering.ru>');
    expect(id).toMatch(/^<letter\.[0-9a-f]{32}@wellengineering\.ru>$/);
    expect(letterMessageId('DSAR-2025-000042:acknowledgement', 'wellpro@wellengineering.ru')).toBe(id);
    expect(letterMessageId('DSAR-2025-000042:refusal', 'wellpro@wellengineering.ru')).not.toBe(id);
  });

  it('keeps SMTP errors free of addresses', () => {
    const err = Object.assign(new Error("Can't send mail - all recipients were rejected"), {
      code: 'EENVELOPE', responseCode: 550, response: '550 5.1.1 <иван@пример.рф>: Recipient address rejected (ivan.petrov@example.ru)',
    });
    const text = describeSmtpError(err);
    expect(text).toBe('EENVELOPE 550 550 5.1.1 [address]: Recipient address rejected ([address])');
  });
});
