import { ImapFlow } from 'imapflow';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startDovecot, type Dovecot } from '../helpers/dovecot';

/** The real IMAP server the intake tests run against: delivery over LMTP arrives in INBOX, byte for byte. */
let dovecot: Dovecot;
beforeAll(async () => { dovecot = await startDovecot(); });
afterAll(async () => { await dovecot?.stop(); });

it('takes a delivered message over LMTP and serves it over IMAP unchanged, with a Processed folder', async () => {
  const raw = Buffer.concat([
    Buffer.from('From: =?windows-1251?B?yOLg7SDP5fLw7uI=?= <ivan@example.ru>\r\nTo: wellpro@wellengineering.ru\r\n'),
    Buffer.from('Subject: Personal Data Request\r\nMessage-ID: <dovecot-smoke@example.ru>\r\nContent-Type: text/plain; charset=windows-1251\r\n\r\n'),
    Buffer.from([0xcf, 0xf0, 0xee, 0xf8, 0xf3, 0x20, 0xf3, 0xe4, 0xe0, 0xeb, 0xe8, 0xf2, 0xfc, 0x0d, 0x0a]), // "Прошу удалить" in cp1251
  ]);
  await dovecot.deliver(raw);
  const client = new ImapFlow({ host: '127.0.0.1', port: dovecot.imapPort, secure: false, auth: { user: dovecot.user, pass: dovecot.password }, logger: false });
  await client.connect();
  try {
    const folders = (await client.list()).map((f) => f.path);
    expect(folders).toEqual(expect.arrayContaining(['INBOX', 'Processed']));
    const lock = await client.getMailboxLock('INBOX');
    try {
      const message = await client.fetchOne('*', { source: true, uid: true });
      expect(message && Buffer.from(message.source!).includes(raw.subarray(-15))).toBe(true); // the cp1251 body, undecoded
      expect(message && message.uid).toBe(1);
    } finally {
      lock.release();
    }
  } finally {
    await client.logout();
  }
});
