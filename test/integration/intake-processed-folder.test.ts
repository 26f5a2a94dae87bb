import { ImapFlow } from 'imapflow';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { runIntake } from '../../intake/run-intake';
import { imapSettings } from '../../platform/config';
import { createLogger } from '../../platform/logger';
import { startDovecot, type Dovecot } from '../helpers/dovecot';
import { startEngine, eventually, type Engine } from '../helpers/engine';
import { testClassifier } from '../helpers/test-classifier';

/** A Processed folder the mailbox does not have yet: intake creates it, rather than leave every message in the inbox unsaid. */
let engine: Engine;
let dovecot: Dovecot;
beforeAll(async () => {
  [engine, dovecot] = await Promise.all([startEngine({ worker: false, classify: testClassifier }), startDovecot()]);
}, 120_000);
afterAll(async () => { await dovecot?.stop(); await engine?.stop(); });

async function messagesIn(folder: string): Promise<number> {
  const c = new ImapFlow({ host: '127.0.0.1', port: dovecot.imapPort, secure: false, auth: { user: dovecot.user, pass: dovecot.password }, logger: false });
  await c.connect();
  try {
    const status = await c.status(folder, { messages: true }).catch(() => false as const);
    return status ? status.messages ?? -1 : -1;
  } finally {
    await c.logout();
  }
}

it('creates a missing Processed folder (IMAP_PROCESSED_FOLDER) and moves the taken-in message there', async () => {
  expect(await messagesIn('Taken')).toBe(-1); // no such folder yet
  const imap = imapSettings({ IMAP_URL: dovecot.imapUrl, IMAP_PROCESSED_FOLDER: 'Taken', IMAP_POLL_INTERVAL_MS: '1000' })!;
  const intake = await runIntake({ ...engine.config, imap }, testClassifier, createLogger('silent'));
  try {
    await dovecot.deliver(Buffer.from('From: Subject <folder@example.ru>\r\nTo: wellpro@wellengineering.ru\r\nSubject: Удаление\r\n'
      + 'Message-ID: <folder-1@example.ru>\r\n\r\nПрошу, удалите мои данные.\r\n'));
    await eventually(async () => (await messagesIn('Taken')) === 1, 30_000);
  } finally {
    await intake.stop();
  }
  expect(await messagesIn('INBOX')).toBe(0);
  expect((await engine.pool.query(`SELECT outcome FROM mail_messages WHERE message_id LIKE '%folder-1@%'`)).rows).toEqual([{ outcome: 'case' }]);
}, 90_000);
