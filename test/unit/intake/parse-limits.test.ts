import { afterEach, describe, expect, it, vi } from 'vitest';
import { MessageTooLarge, MessageUnreadable, parseMessage } from '../../../intake/parse-message';
import { crlf, plain } from './mail-builders';

/** The parser's refusals at their exact limit, and what an officer reads in them. */
const refusal = (raw: Buffer, opts: Parameters<typeof parseMessage>[1] = {}) => parseMessage(raw, opts).catch((e: unknown) => e);

const multipart = (parts: number) =>
  crlf(`From: a@example.ru\nSubject: parts\nContent-Type: multipart/mixed; boundary="p"\n\n${
    Array.from({ length: parts }, (_, i) => `--p\nContent-Type: text/plain\n\npart ${i}\n`).join('')}--p--\n`);

describe('parseMessage: limits at their boundary', () => {
  it('takes a message of exactly the whole-message limit and refuses one byte more, naming size and limit', async () => {
    const raw = plain('', 'delete my data\n');
    await expect(parseMessage(raw, { maxMessageBytes: raw.length })).resolves.toMatchObject({ text: 'delete my data' });
    const err = await refusal(raw, { maxMessageBytes: raw.length - 1 });
    expect(err).toBeInstanceOf(MessageTooLarge);
    expect(err).toMatchObject({
      name: 'MessageTooLarge', sizeBytes: raw.length, limitBytes: raw.length - 1,
      message: `The message is ${raw.length} bytes, above the limit of ${raw.length - 1} bytes; ask the sender to split it or raise the limit.`,
    });
  });

  it.each([
    ['spaces', '   '], ['tabs', '\t\t'], ['CR LF', '\r\n\r\n'], ['LF', '\n'], ['a mix', ' \t\r\n '],
  ])('refuses a message of only whitespace (%s) as empty, saying why', async (_, text) => {
    const err = await refusal(Buffer.from(text));
    expect(err).toBeInstanceOf(MessageUnreadable);
    expect(err).toMatchObject({
      name: 'MessageUnreadable', code: 'message_unreadable', reason: 'empty',
      message: 'The message cannot be read (empty): the message has no bytes but whitespace',
    });
  });

  it('is not empty for a single visible byte among whitespace', async () => {
    await expect(parseMessage(Buffer.from(' \r\nx\r\n'))).resolves.toMatchObject({ to: [] });
  });

  it('takes exactly maxParts boundary delimiters and refuses one more, naming the limit', async () => {
    // The count is of delimiter lines, the close delimiter included: 2 parts make 3, 3 parts make 4.
    await expect(parseMessage(multipart(2), { maxParts: 3 })).resolves.toMatchObject({ subject: 'parts' });
    const err = await refusal(multipart(3), { maxParts: 3 });
    expect(err).toMatchObject({ reason: 'too_many_parts', message: 'The message cannot be read (too_many_parts): more than 3 MIME parts' });
  });

  it('passes the nesting limit to the parser: as deep as allowed parses, one level more is refused', async () => {
    const deep = (depth: number) => {
      let body = 'Content-Type: text/plain\n\ninnermost\n';
      for (let i = depth; i > 0; i--) body = `Content-Type: multipart/mixed; boundary="b${i}"\n\n--b${i}\n${body}--b${i}--\n`;
      return crlf(`From: a@example.ru\nSubject: deep\n${body}`);
    };
    await expect(parseMessage(deep(3), { maxNestingDepth: 4 })).resolves.toMatchObject({ text: 'innermost' });
    await expect(parseMessage(deep(6), { maxNestingDepth: 4 })).rejects.toMatchObject({ reason: 'nesting_too_deep' });
  });

  it('passes the header limit to the parser', async () => {
    const raw = plain(`X-Note: ${'a'.repeat(2_000)}\n`, 'delete my data\n');
    await expect(parseMessage(raw, { maxHeadersBytes: 1_000 })).rejects.toMatchObject({ reason: 'headers_too_large' });
    await expect(parseMessage(raw, { maxHeadersBytes: 10_000 })).resolves.toMatchObject({ text: 'delete my data' });
  });
});

describe('parseMessage: the time budget names the stage where it ran out', () => {
  afterEach(() => vi.restoreAllMocks());

  // Date.now is read once for the deadline and once after each stage: headers, body, attachments.
  it.each([
    [1, 'headers'], [2, 'body'], [3, 'attachments'],
  ])('after %i clock reading(s) on time, the parse is refused at %s', async (onTime, stage) => {
    let readings = 0;
    const start = Date.now();
    vi.spyOn(Date, 'now').mockImplementation(() => (readings++ < onTime ? start : start + 60_000));
    const err = await refusal(plain('', 'delete my data\n'), { timeoutMs: 1_000 });
    expect(err).toMatchObject({ reason: 'time_budget_exceeded', message: `The message cannot be read (time_budget_exceeded): the parse ran out of time at ${stage}` });
  });

  it('is on time when the clock reads exactly the deadline', async () => {
    const start = Date.now();
    let readings = 0;
    vi.spyOn(Date, 'now').mockImplementation(() => (readings++ === 0 ? start : start + 1_000));
    await expect(parseMessage(plain('', 'delete my data\n'), { timeoutMs: 1_000 })).resolves.toMatchObject({ text: 'delete my data' });
  });
});

describe('parseMessage: caps on addresses and references, the body part read', () => {
  it('keeps the first 500 recipients, flattening groups, lower-cased, dropping what is no address', async () => {
    const many = Array.from({ length: 600 }, (_, i) => `r${i}@example.ru`).join(', ');
    expect((await parseMessage(crlf(`From: a@example.ru\nTo: ${many}\nSubject: x\n\nbody\n`))).to).toHaveLength(500);
    const m = await parseMessage(crlf('From: a@example.ru\nTo: Staff: Olga <OLGA@Example.RU>, b@example.ru;, not-an-address, "Name only" <>\nSubject: x\n\nbody\n'));
    expect(m.to).toEqual(['olga@example.ru', 'b@example.ru']);
  });

  it('takes the first valid From mailbox and none when From holds no address', async () => {
    expect((await parseMessage(crlf('From: Ivan <IVAN@Example.ru>, b@example.ru\nSubject: x\n\nbody\n'))).from).toEqual({ name: 'Ivan', email: 'ivan@example.ru' });
    expect((await parseMessage(crlf('From: Ivan Petrov\nSubject: x\n\nbody\n'))).from).toBeUndefined();
  });

  it('keeps the first 100 references, split on any whitespace', async () => {
    const refs = Array.from({ length: 150 }, (_, i) => `<r${i}@example.ru>`);
    const m = await parseMessage(crlf(`From: a@example.ru\nReferences: ${refs.join('  ')}\nSubject: x\n\nbody\n`));
    expect(m.references).toEqual(refs.slice(0, 100));
  });

  it('reads the HTML part when the text part is blank', async () => {
    const raw = crlf('From: a@example.ru\nSubject: x\nContent-Type: multipart/alternative; boundary="a"\n\n--a\nContent-Type: text/plain\n\n   \n--a\nContent-Type: text/html\n\n<p>удалите мои данные</p>\n--a--\n');
    expect((await parseMessage(raw)).text).toBe('удалите мои данные');
  });
});
