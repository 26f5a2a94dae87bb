import { ImapFlow } from 'imapflow';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { runIntake } from '../../intake/run-intake';
import { imapSettings } from '../../platform/config';
import { createLogger } from '../../platform/logger';
import { startDovecot, type Dovecot } from '../helpers/dovecot';
import { startEngine, eventually, type Engine } from '../helpers/engine';
import { testClassifier } from '../helpers/test-classifier';

/**
 * Issue 16, point 4, from the mailbox: day 0 is the mailbox's INTERNALDATE, whatever the letter's headers claim and
 * however late intake reads it. A real dovecot (IMAP APPEND with a date), real PostgreSQL and Temporal.
 */
let engine: Engine;
let dovecot: Dovecot;
beforeAll(async () => {
  [engine, dovecot] = await Promise.all([startEngine({ classify: testClassifier }), startDovecot()]);
}, 120_000);
afterAll(async () => { await dovecot?.stop(); await engine?.stop(); });

it('dates a letter by its INTERNALDATE (appended 9 days ago), not by its Received: or Date headers or the time it was read', async () => {
  const internalDate = new Date(Math.floor(Date.now() / 1000) * 1000 - 9 * 86_400_000);
  const decoy = new Date(Date.now() - 2 * 86_400_000).toUTCString().replace('GMT', '+0000');
  const raw = Buffer.from([
    `Received: from relay.example.net by mx.wellengineering.ru; ${decoy}`, 'From: Старый Ящик <old.mailbox@example.ru>', 'To: wellpro@wellengineering.ru',
    'Subject: Запрос', `Date: ${decoy}`, `Message-ID: <internaldate-${Date.now()}@example.ru>`, 'Content-Type: text/plain; charset=utf-8', '',
    'Прошу предоставить сведения об обработке моих данных.', '',
  ].join('\r\n'));
  const client = new ImapFlow({ host: '127.0.0.1', port: dovecot.imapPort, secure: false, auth: { user: dovecot.user, pass: dovecot.password }, logger: false });
  await client.connect();
  try {
    await client.append('INBOX', raw, [], internalDate);
  } finally {
    await client.logout();
  }
  const intake = await runIntake({ ...engine.config, imap: imapSettings({ IMAP_URL: dovecot.imapUrl, IMAP_POLL_INTERVAL_MS: '60000' })! }, testClassifier, createLogger('silent'));
  let caseId: string;
  try {
    caseId = await eventually(async () => (await engine.pool.query(`SELECT id FROM cases WHERE subject_email = 'old.mailbox@example.ru'`)).rows[0]?.id as string | undefined, 30_000);
  } finally {
    await intake.stop();
  }
  const get = async (path: string) => (await engine.app.inject({ url: path, headers: engine.auth('officer') })).json();
  const opened = await get(`/api/v1/cases/${caseId}`);
  const byHand = (await engine.app.inject({
    method: 'POST', url: '/api/v1/cases', headers: engine.auth('officer'),
    payload: { type: 'access', channel: 'email', receivedAt: internalDate.toISOString(), subject: { name: 'Сравнение', email: 'compare@example.ru' } },
  })).json();
  expect({ receivedAt: opened.receivedAt, due: opened.due }).toEqual({ receivedAt: internalDate.toISOString(), due: byHand.due });
  expect((await get(`/api/v1/cases/${caseId}/messages`)).items[0]).toMatchObject({ source: 'imap', receivedAt: internalDate.toISOString(), receivedAtSource: 'imap_internaldate' });
}, 90_000);
