import { describe, expect, it } from 'vitest';
import { scrub } from '../../../intake/imap-intake';
import { maskNumbers } from '../../../intake/mail-summary';
import { ConfigError, imapSettings } from '../../../platform/config';

describe('IMAP settings', () => {
  it('are off without IMAP_URL', () => {
    expect(imapSettings({})).toBeUndefined();
  });

  it('read host, TLS, user, folder and the password from a file, which wins over the variable', () => {
    const s = imapSettings({ IMAP_URL: 'imaps://wellpro%40wellengineering.ru@imap.example.ru/Requests', IMAP_PASSWORD: 'env', IMAP_PASSWORD_FILE: '/secret' }, () => 'from-file\n');
    expect(s).toMatchObject({ host: 'imap.example.ru', port: 993, secure: true, user: 'wellpro@wellengineering.ru', password: 'from-file', folder: 'Requests', processedFolder: 'Processed', pollIntervalMs: 30_000, rejectUnauthorized: true });
    expect(imapSettings({ IMAP_URL: 'imap://u@h', IMAP_PASSWORD: 'p', IMAP_PROCESSED_FOLDER: 'Done', IMAP_POLL_INTERVAL_MS: '5000' }))
      .toMatchObject({ port: 143, secure: false, folder: 'INBOX', processedFolder: 'Done', pollIntervalMs: 5000 });
  });

  it('refuse a URL without a password, a wrong scheme, or a bad poll interval, never echoing the password', () => {
    expect(() => imapSettings({ IMAP_URL: 'imap://u@h/INBOX' })).toThrow(/IMAP_PASSWORD/);
    expect(() => imapSettings({ IMAP_URL: 'pop3://u:hunter2@h' })).toThrow(ConfigError);
    expect(() => imapSettings({ IMAP_URL: 'pop3://u:hunter2@h' })).not.toThrow(/hunter2/);
    expect(() => imapSettings({ IMAP_URL: 'imap://u@h', IMAP_PASSWORD: 'p', IMAP_POLL_INTERVAL_MS: '0' })).toThrow(/IMAP_POLL_INTERVAL_MS/);
  });
});

it('logs connection errors without the password or any address', () => {
  const err = Object.assign(new Error('Authentication failed for wellpro@wellengineering.ru with s3cret'), { responseText: 'AUTHENTICATIONFAILED' });
  expect(scrub(err, 's3cret')).toBe('Authentication failed for <address> with ***: AUTHENTICATIONFAILED');
});

it('masks number runs that could be document numbers in what is kept of a message', () => {
  expect(maskNumbers('паспорт 4510 123456, договор 77-001234, дом 12')).toBe('паспорт ********56, договор ******34, дом 12');
});
