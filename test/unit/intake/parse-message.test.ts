import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { MessageTooLarge, MessageUnreadable, parseMessage, parseMessageWithContent } from '../../../intake/parse-message';
import { guessCharset } from '../../../intake/charset-detect';
import { OPERATOR, crlf, fixture, nested, nestedMessages, plain, withAttachment } from './mail-builders';

const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

describe('parseMessage: encodings', () => {
  it('decodes multipart/alternative with a QP UTF-8 text part and a QP encoded-word subject', async () => {
    const raw = fixture('utf8-multipart-qp.eml');
    const m = await parseMessage(raw);
    expect(m.subject).toBe('Запрос персональных данных');
    expect(m.from).toEqual({ name: 'Иван Иванов', email: 'ivan@example.ru' });
    expect(m.text).toBe('Прошу предоставить сведения об обработке моих персональных данных.\nИванов Иван Иванович, паспорт 45 10 123456.');
    expect(m.messageId).toBe('<utf8-1@example.ru>');
    expect(m.date).toBe('2026-12-01T07:00:00.000Z');
    expect(m.rawSha256).toBe(sha256(raw));
    expect(m.warnings).toEqual([]);
  });

  it('decodes a windows-1251 body and a base64 windows-1251 encoded-word subject and name', async () => {
    const m = await parseMessage(fixture('cp1251-body-encoded-subject.eml'));
    expect(m.subject).toBe('Удаление персональных данных');
    expect(m.from).toEqual({ name: 'Пётр Сидоров', email: 'petr@example.ru' });
    expect(m.text).toContain('Удалите, пожалуйста, мои персональные данные.');
  });

  it('decodes a KOI8-R quoted-printable body and a Q-encoded KOI8-R subject', async () => {
    const m = await parseMessage(fixture('koi8r-body-qp.eml'));
    expect(m.subject).toBe('Отзыв согласия на обработку персональных данных');
    expect(m.from?.name).toBe('Анна Смирнова');
    expect(m.text).toContain('Отзываю согласие на обработку моих персональных данных.');
  });

  it.each([
    ['raw-8bit-cp1251-headers.eml', 'windows-1251 (guessed)'],
    ['raw-8bit-koi8r-headers.eml', 'koi8-r (guessed)'],
    ['raw-8bit-utf8-headers.eml', 'utf-8'],
  ])('reads raw 8-bit Subject and From of %s and records the guess', async (name, guess) => {
    const m = await parseMessage(fixture(name));
    expect(m.subject).toBe('Прошу прекратить обработку моих данных');
    expect(m.from).toEqual({ name: 'Ольга Кузнецова', email: 'olga@example.ru' });
    expect(m.text).toBe('Прекратите обработку моих персональных данных.');
    expect(m.warnings).toContain(`raw 8-bit subject header without a declared charset: read as ${guess}`);
  });

  it('tells cp1251 from KOI8-R on short and capitalised Russian text', async () => {
    const iconv = (await import('iconv-lite')).default;
    for (const text of ['Запрос', 'ЗАПРОС НА УДАЛЕНИЕ', 'Отзыв согласия', 'Прошу удалить мои данные', 'Иванов И.И.']) {
      expect(guessCharset(iconv.encode(text, 'windows-1251'))).toEqual({ charset: 'windows-1251', text });
      expect(guessCharset(iconv.encode(text, 'koi8-r'))).toEqual({ charset: 'koi8-r', text });
    }
  });

  it('turns an HTML-only windows-1251 body into text without scripts or links', async () => {
    const m = await parseMessage(fixture('html-only-cp1251.eml'));
    expect(m.subject).toBe('Запрос');
    expect(m.text).toBe('Прошу удалить мои данные.\n\nТелефон: +7 900');
  });

  it('warns about an unknown charset and still reads the text', async () => {
    const m = await parseMessage(crlf('From: a@example.ru\nSubject: x\nContent-Type: text/plain; charset=x-klingon\n\nplease delete my data\n'));
    expect(m.text).toBe('please delete my data');
    expect(m.warnings).toContain('charset "x-klingon" is unknown: read as windows-1252');
  });
});

describe('parseMessage: replies and forwarded letters', () => {
  it('keeps In-Reply-To and References and cuts the quoted history of a reply', async () => {
    const m = await parseMessage(fixture('reply-with-quote.eml'));
    expect(m.inReplyTo).toBe('<ack-1@wellengineering.ru>');
    expect(m.references).toEqual(['<req-1@example.ru>', '<ack-1@wellengineering.ru>']);
    expect(m.text).toBe('Паспорт: 45 10 123456, выдан 01.03.2015.');
  });

  it.each([
    ['forwarded-gmail.eml', { name: 'Пётр Сидоров', email: 'petr@example.ru' }],
    ['forwarded-mailru.eml', { name: 'Анна Смирнова', email: 'anna@mail.ru' }],
    ['forwarded-yandex.eml', { name: 'Ольга', email: 'olga@yandex.ru' }],
    ['forwarded-apple.eml', { name: 'Игорь', email: 'igor@bk.ru' }],
    ['forwarded-rfc822.eml', { name: 'Семён Петров', email: 'semen@example.ru' }],
  ])('%s forwarded by staff: the original sender is the subject', async (name, sender) => {
    const m = await parseMessage(fixture(name), OPERATOR);
    expect(m.forwardedFrom).toEqual(sender);
    expect(m.from?.email).toMatch(/@wellengineering\.ru$/);
  });

  it('keeps the forwarded letter, KOI8-R inside message/rfc822, in the text', async () => {
    const m = await parseMessage(fixture('forwarded-rfc822.eml'), OPERATOR);
    expect(m.text).toContain('Удалите мои персональные данные.');
  });

  it('does not take a forward from outside the operator, nor any forward when no operator domain is set', async () => {
    expect((await parseMessage(fixture('forwarded-by-outsider.eml'), OPERATOR)).forwardedFrom).toBeUndefined();
    expect((await parseMessage(fixture('forwarded-gmail.eml'))).forwardedFrom).toBeUndefined();
  });
});

describe('parseMessage: auto-replies and bounces', () => {
  it.each([
    ['auto-submitted.eml', 'auto_submitted: auto-replied'],
    ['precedence-bulk.eml', 'precedence: bulk'],
    ['x-autoreply.eml', 'x_autoreply'],
    ['x-autorespond.eml', 'x_autorespond'],
    ['bounce-dsn.eml', 'delivery_status: failed 5.1.1'],
  ])('%s is an auto-reply: %s', async (name, reason) => {
    expect((await parseMessage(fixture(name))).autoReply).toEqual({ reason });
  });

  it('Auto-Submitted: no and Precedence: first-class are not auto-replies', async () => {
    expect((await parseMessage(fixture('auto-submitted-no.eml'))).autoReply).toBeUndefined();
    expect((await parseMessage(plain('Precedence: first-class\n', 'delete my data\n'))).autoReply).toBeUndefined();
  });
});

describe('parseMessage: signatures (detected, never verified)', () => {
  it.each(['smime-signed.eml', 'smime-opaque.eml', 'pgp-signed.eml', 'pgp-inline.eml', 'attachments.eml'])('%s is signed', async (name) => {
    expect((await parseMessage(fixture(name))).signed).toBe(true);
  });

  it('marks the detached signature attachment, and an unsigned letter is not signed', async () => {
    const m = await parseMessage(fixture('attachments.eml'));
    expect(m.attachments.map((a) => [a.filename, !!a.signature])).toEqual([['паспорт.pdf', false], ['request.pdf.sig', true]]);
    expect((await parseMessage(fixture('auto-submitted-no.eml'))).signed).toBe(false);
  });
});

describe('parseMessage: attachments and limits', () => {
  it('records metadata and SHA-256 and hands back the content', async () => {
    const { message, contents } = await parseMessageWithContent(fixture('attachments.eml'));
    const pdf = Buffer.from('%PDF-1.4\n% a scanned passport page\n%%EOF\n', 'latin1');
    expect(message.attachments[0]).toEqual({ filename: 'паспорт.pdf', contentType: 'application/pdf', size: pdf.length, sha256: sha256(pdf) });
    expect(contents[0]).toEqual(pdf);
    expect(JSON.stringify(message)).not.toContain('scanned passport');
  });

  it('drops the content of an attachment above the limit, keeping size, hash and a warning', async () => {
    const big = Buffer.alloc(300_000, 7);
    const { message, contents } = await parseMessageWithContent(withAttachment(big), { maxAttachmentBytes: 200_000 });
    expect(message.attachments[0]).toMatchObject({ size: 300_000, sha256: sha256(big), dropped: true });
    expect(contents).toEqual([null]);
    expect(message.warnings).toContain('attachment 1 (300000 bytes) above the limit of 200000 bytes: content dropped, metadata kept');
    expect(message.text).toBe('Please delete my data.');
  });

  it('refuses a message above the whole-message limit with message_too_large and the limit', async () => {
    const err = await parseMessage(withAttachment(Buffer.alloc(100_000)), { maxMessageBytes: 50_000 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(MessageTooLarge);
    expect(err).toMatchObject({ code: 'message_too_large', limitBytes: 50_000 });
  });

  it('parses a 20 MB attachment within the default limits, content dropped above 10 MiB', async () => {
    const m = await parseMessage(withAttachment(Buffer.alloc(20 * 1024 * 1024, 1)));
    expect(m.attachments[0]).toMatchObject({ size: 20 * 1024 * 1024, dropped: true });
  }, 30_000);

  it('never decompresses a zip-bomb-like attachment', async () => {
    const bomb = gzipSync(Buffer.alloc(20 * 1024 * 1024));
    const { message, contents } = await parseMessageWithContent(withAttachment(bomb, 'bomb.gz', 'application/gzip'));
    expect(message.attachments[0]).toMatchObject({ size: bomb.length, sha256: sha256(bomb) });
    expect(contents[0]).toEqual(bomb);
  });
});

describe('parseMessage: hostile input', () => {
  it('removes CR/LF/NUL from decoded headers and NUL bytes from the body, saying so', async () => {
    const m = await parseMessage(fixture('header-injection.eml'));
    expect(m.subject).toBe('Hello Bcc: victim@example.com');
    expect(m.from).toEqual({ name: 'Evil Bcc: victim@example.com', email: 'evil@example.com' });
    expect(m.text).toBe('Body with a NUL byte.');
    expect(m.warnings).toEqual(expect.arrayContaining(['subject: control characters (CR/LF/NUL) removed', 'body: NUL bytes removed']));
  });

  it('reads the parts of a truncated multipart and warns', async () => {
    const whole = fixture('attachments.eml');
    const m = await parseMessage(whole.subarray(0, whole.indexOf('--att\r\nContent-Type: application/octet-stream')));
    expect(m.text).toBe('Документы во вложении.');
    expect(m.warnings).toContain('multipart: the closing boundary is missing (message truncated?); the parts present were read');
  });

  it('reads broken base64 and broken quoted-printable without failing', async () => {
    const m = await parseMessage(crlf('From: a@example.ru\nSubject: x\nContent-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: base64\n\n0J/RgNC+0YjRgyDRg9C0!!!*&^%$\n'));
    expect(m.text).toMatch(/^Прошу уд/);
    const qp = await parseMessage(crlf('From: a@example.ru\nSubject: x\nContent-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: quoted-printable\n\ndelete =ZZ my =\n=D0=\n'));
    expect(qp.text).toContain('delete');
  });

  it('ends 50-deep multipart nesting in MessageUnreadable (nesting_too_deep), 10-deep parses', async () => {
    const err = await parseMessage(nested(50)).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(MessageUnreadable);
    expect(err).toMatchObject({ code: 'message_unreadable', reason: 'nesting_too_deep' });
    expect((await parseMessage(nested(10))).text).toBe('innermost text');
  });

  it('keeps message/rfc822 nested 50 deep as an unparsed attachment past the cap', async () => {
    const m = await parseMessage(nestedMessages(50));
    expect(m.warnings.some((w) => w.includes('nested too deep'))).toBe(true);
  });

  it('ends a message of more than 1,000 parts in MessageUnreadable (too_many_parts) before parsing', async () => {
    const parts = Array.from({ length: 1_001 }, (_, i) => `--p\nContent-Type: text/plain\n\npart ${i}\n`).join('');
    const raw = crlf(`From: a@example.ru\nSubject: parts\nContent-Type: multipart/mixed; boundary="p"\n\n${parts}--p--\n`);
    await expect(parseMessage(raw)).rejects.toMatchObject({ reason: 'too_many_parts' });
    await expect(parseMessage(raw, { maxParts: 2_000 })).resolves.toMatchObject({ subject: 'parts' });
  });

  it('ends huge headers in MessageUnreadable (headers_too_large)', async () => {
    const raw = plain(`X-Junk: ${'a'.repeat(600_000)}\n`, 'delete my data\n');
    await expect(parseMessage(raw)).rejects.toMatchObject({ reason: 'headers_too_large' });
  });

  it('ends an empty message in MessageUnreadable (empty)', async () => {
    await expect(parseMessage(Buffer.from('\r\n\r\n'))).rejects.toMatchObject({ reason: 'empty' });
  });

  it('ends a parse that runs out of time in MessageUnreadable (time_budget_exceeded)', async () => {
    await expect(parseMessage(withAttachment(Buffer.alloc(4 * 1024 * 1024, 3)), { timeoutMs: 0 })).rejects.toMatchObject({ reason: 'time_budget_exceeded' });
  });

  it('converts deeply nested HTML without blowing the stack', async () => {
    const html = `${'<div>'.repeat(20_000)}удалите мои данные${'</div>'.repeat(20_000)}`;
    const m = await parseMessage(crlf(`From: a@example.ru\nSubject: x\nContent-Type: text/html; charset=utf-8\n\n${html}\n`));
    expect(m.text.length).toBeLessThan(1000);
  });
});
