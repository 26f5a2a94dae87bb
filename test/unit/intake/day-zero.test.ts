import { describe, expect, it } from 'vitest';
import { dayZeroOf, receivedByUs } from '../../../intake/day-zero';
import { crlf } from './mail-builders';

const OURS = ['wellengineering.ru'];
/** RFC 5322 dates relative to now: the tests age. */
const ago = (days: number) => new Date(Math.floor(Date.now() / 1000) * 1000 - days * 86_400_000);
const rfc = (d: Date) => d.toUTCString().replace('GMT', '+0000');
const mail = (received: string) => crlf(`${received}From: ivan@example.ru\nTo: wellpro@wellengineering.ru\nSubject: x\n\nbody\n`);

describe('receivedByUs', () => {
  it('dates a letter by the topmost Received: header one of our hosts added, folded, with a zone comment', () => {
    const ours = ago(3);
    const raw = mail(`Received: from relay.example.net (relay.example.net [192.0.2.7])\n\tby mx1.wellengineering.ru (Postfix) with ESMTPS id 4AbC;\n\t${rfc(ours)} (UTC)\n`
      + `Received: from sender.example.ru by relay.example.net; ${rfc(ago(4))}\n`);
    expect(receivedByUs(raw, OURS)).toEqual(ours);
  });

  it('skips headers other hosts added above ours, and never believes one below', () => {
    const ours = ago(2);
    const raw = mail(`Received: by webhook.provider.example; ${rfc(ago(0))}\n`
      + `Received: from relay.example.net by mx.wellengineering.ru; ${rfc(ours)}\n`
      + `Received: from forger by mx.wellengineering.ru; ${rfc(ago(40))}\n`);
    expect(receivedByUs(raw, OURS)).toEqual(ours);
  });

  it('finds nothing when no host of ours wrote one, when the list is empty, or when our topmost date does not parse', () => {
    expect(receivedByUs(mail(`Received: from a by wellengineering.ru.evil.example; ${rfc(ago(1))}\n`), OURS)).toBeUndefined();
    expect(receivedByUs(mail(`Received: from a by notwellengineering.ru; ${rfc(ago(1))}\n`), OURS)).toBeUndefined();
    expect(receivedByUs(mail(`Received: from a by mx.wellengineering.ru; ${rfc(ago(1))}\n`), [])).toBeUndefined();
    expect(receivedByUs(mail(`Received: from a by mx.wellengineering.ru; yesterday\nReceived: from b by mx.wellengineering.ru; ${rfc(ago(9))}\n`), OURS)).toBeUndefined();
  });
});

describe('dayZeroOf', () => {
  const header = mail(`Received: from a by mx.wellengineering.ru; ${rfc(ago(5))}\n`);
  const bare = mail('');
  const officer = { name: 'Olga Officer', receivedAt: ago(7) };

  it('is INTERNALDATE for a mailbox, whatever the headers say', () => {
    const at = ago(1);
    expect(dayZeroOf(header, { kind: 'imap', mailbox: 'INBOX', uidvalidity: 1, uid: 1, receivedAt: at }, OURS)).toEqual({ at, source: 'imap_internaldate' });
  });

  it('for an upload: our Received: header first, then the officer\'s word, else nothing (never the upload time)', () => {
    expect(dayZeroOf(header, { kind: 'api', officer }, OURS)).toEqual({ at: ago(5), source: 'received_header' });
    expect(dayZeroOf(bare, { kind: 'api', officer }, OURS)).toEqual({ at: officer.receivedAt, source: 'officer' });
    expect(dayZeroOf(bare, { kind: 'api' }, OURS)).toBeUndefined();
  });
});
