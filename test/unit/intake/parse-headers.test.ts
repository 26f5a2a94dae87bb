import { describe, expect, it } from 'vitest';
import { parseMessage } from '../../../intake/parse-message';
import { crlf } from './mail-builders';

/** The headers a case is filed by: who wrote, to whom, when, and which thread a reply belongs to. */
describe('parseMessage: addresses, dates and threading', () => {
  it('takes the first real mailbox as the sender, flattens groups, drops what is no address, and lower-cases addresses', async () => {
    const m = await parseMessage(crlf(
      'From: "Ivan" <not-an-address>, Петр <PETR@Example.RU>\nTo: a@example.ru, Group: B@example.ru, c@example.ru;, bad address\n' +
      'Subject: x\nDate: yesterday-ish\nReferences:  <a@x>   <b@x>\nIn-Reply-To: <r@x>\nMIME-Version: 1.0\nContent-Type: text/plain; charset=utf-8\n\nbody\n'));
    expect(m.from).toEqual({ name: 'Петр', email: 'petr@example.ru' });
    expect(m.to).toEqual(['a@example.ru', 'b@example.ru', 'c@example.ru']);
    expect(m.references).toEqual(['<a@x>', '<b@x>']);
    expect(m.inReplyTo).toBe('<r@x>');
    expect(m).not.toHaveProperty('date');
    expect(m.warnings).toContain('date: the Date header does not parse');
  });

  it('reads a plain ASCII sender without a name, and has no sender, thread or date when the headers are absent', async () => {
    const m = await parseMessage(crlf('From: IVAN@example.ru\nTo: wellpro@wellengineering.ru\nSubject: x\nDate: Tue, 1 Dec 2026 10:00:00 +0300\n\nbody\n'));
    expect(m.from).toEqual({ email: 'ivan@example.ru' });
    expect(m.date).toBe('2026-12-01T07:00:00.000Z');
    const bare = await parseMessage(crlf('Subject: x\n\nbody\n'));
    expect(bare.from).toBeUndefined();
    expect(bare.to).toEqual([]);
    expect(bare.references).toEqual([]);
    expect(bare).not.toHaveProperty('inReplyTo');
    expect(bare).not.toHaveProperty('messageId');
    expect(bare).not.toHaveProperty('date');
    expect(bare.warnings).toEqual([]);
  });
});
