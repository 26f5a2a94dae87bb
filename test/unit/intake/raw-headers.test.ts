import { describe, expect, it } from 'vitest';
import { rawEightBitHeaders } from '../../../intake/raw-headers';

/** Raw 8-bit Subject/From/To re-read from the bytes: which bytes count, which lines, what a guess says. */
const bytes = (text: string) => Buffer.from(text, 'latin1');
const DELETION = Buffer.from([0xd3, 0xe4, 0xe0, 0xeb, 0xe5, 0xed, 0xe8, 0xe5]); // "Удаление" in windows-1251
const GUESSED = (name: string) => `raw 8-bit ${name} header without a declared charset: read as windows-1251 (guessed)`;

describe('rawEightBitHeaders: what is re-read', () => {
  it('re-reads a header from byte 0x80 up, and leaves 0x7F (ASCII) to the parser', () => {
    expect(rawEightBitHeaders(Buffer.concat([bytes('Subject: '), Buffer.from([0x80]), bytes('\n\n')]), 1_000)).toEqual({
      values: new Map([['subject', 'Ђ']]), warnings: [GUESSED('subject')],
    });
    expect(rawEightBitHeaders(Buffer.concat([bytes('Subject: a'), Buffer.from([0x7f]), bytes('\n\n')]), 1_000)).toEqual({ values: new Map(), warnings: [] });
  });

  it('re-reads Subject and From by name in any case and spacing, and decodes encoded-words beside the raw bytes', () => {
    const raw = Buffer.concat([
      bytes(': '), DELETION, bytes('\r\n SUBJECT : '), DELETION, bytes(' =?utf-8?B?0J/RgNC+0YjRgw==?=\r\nTo: x@example.ru\r\nfrom: '), DELETION, bytes(' <a@example.ru>\r\n\r\n'),
    ]);
    const { values, warnings } = rawEightBitHeaders(raw, 1_000);
    expect(values).toEqual(new Map([['subject', 'Удаление Прошу'], ['from', 'Удаление <a@example.ru>']]));
    expect(warnings).toEqual([GUESSED('subject'), GUESSED('from')]);
  });

  it('joins a continuation folded with a space', () => {
    const raw = Buffer.concat([bytes('Subject: '), DELETION, bytes('\r\n '), DELETION, bytes('\r\n\r\nbody')]);
    expect(rawEightBitHeaders(raw, 1_000).values.get('subject')).toBe('Удаление Удаление');
  });

  it('reads only the header block within the limit', () => {
    const raw = Buffer.concat([bytes('X: 1\r\n\r\nSubject: '), DELETION, bytes('\r\n')]);
    expect(rawEightBitHeaders(raw, 1_000).values.size).toBe(0);
    const late = Buffer.concat([bytes(`X: ${'a'.repeat(100)}\r\nSubject: `), DELETION, bytes('\r\n\r\n')]);
    expect(rawEightBitHeaders(late, 50).values.size).toBe(0);
  });
});
