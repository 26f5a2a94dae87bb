import { describe, expect, it } from 'vitest';
import { formatDay, pluralize } from '../../../letters/filters';
import { letterMessageId } from '../../../letters/outbox';
import { describeSmtpError } from '../../../letters/send';
import { loadOperatorProfile } from '../../../operator/profile';
import { ConfigError, letterSettings } from '../../../platform/config';

const profile = (file: string) => loadOperatorProfile(`${__dirname}/../../../operator/profiles/${file}.json`);

describe('letter settings', () => {
  const noFile = () => { throw new Error('ENOENT'); };

  it('without SMTP_URL there is no SMTP and the From is the operator mailbox', () => {
    expect(letterSettings({}, noFile)).toEqual({ smtp: undefined, from: 'wellpro@wellengineering.ru', templatesDir: undefined });
    // Under another operator's profile, its own mailbox: nothing of WellPRO's (issue 17 p.1).
    expect(letterSettings({}, noFile, profile('jugru')).from).toBe('support@jugru.team');
    expect(letterSettings({}, noFile, profile('equart')).from).toBe('info@ekvartagroup.ru');
  });

  it('refuses an SMTP_FROM outside the operator\'s mail domains, saying which to use', () => {
    const jugru = profile('jugru');
    expect(() => letterSettings({ SMTP_FROM: 'wellpro@wellengineering.ru' }, noFile, jugru))
      .toThrow('SMTP_FROM=wellpro@wellengineering.ru is not at the operator\'s mail domain (jugru.team): letters would go out in another\'s name. Use an address at jugru.team, or add the mailbox to the profile\'s requestChannels.mailboxes.');
    expect(() => letterSettings({ SMTP_FROM: 'JUG <privacy@evil.jugru.team.example>' }, noFile, jugru)).toThrow(ConfigError);
    expect(letterSettings({ SMTP_FROM: 'JUG Ru Group <Privacy@JUGRU.team>' }, noFile, jugru).from).toBe('JUG Ru Group <Privacy@JUGRU.team>');
    const silent = { ...jugru, requestChannels: { ...jugru.requestChannels, mailboxes: [] } };
    expect(() => letterSettings({}, noFile, silent)).toThrow(/names no request mailbox .*set SMTP_FROM/);
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
    expect(letterSettings({ SMTP_FROM: 'ООО «ВЭЛ ИНЖИНИРИНГ» <dpo@wellengineering.ru>' }, noFile).from).toBe('ООО «ВЭЛ ИНЖИНИРИНГ» <dpo@wellengineering.ru>');
    expect(letterSettings({ SMTP_FROM: 'dpo@wellengineering.ru' }, noFile).from).toBe('dpo@wellengineering.ru');
    for (const bad of ['romashka', 'a <b> <dpo@wellengineering.ru>', 'dpo@wellengineering.ru>', 'x y@wellengineering.ru']) {
      expect(() => letterSettings({ SMTP_FROM: bad }, noFile), bad).toThrow(/SMTP_FROM=.* is not an e-mail address/);
    }
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
