import { describe, expect, it } from 'vitest';
import { prescan } from '../../../intake/mime-prescan';
import { headerBlock, rawEightBitHeaders } from '../../../intake/raw-headers';

/** The byte-level passes before parsing: part counting (the parts limit), charset labels, raw 8-bit headers. */
const bytes = (text: string) => Buffer.from(text, 'latin1');

describe('prescan', () => {
  it('counts the delimiter lines of declared boundaries, quoted or not, the close delimiter and a message starting with one', () => {
    const raw = bytes('--q\r\nContent-Type: multipart/mixed; boundary="q"; x=1\r\n\r\n--q  \r\nContent-Type: multipart/alternative; boundary=b2;\r\n\r\n--b2\r\n\r\ntext\r\n--b2--\r\n--q--\r\n--other\r\n--qx\r\n');
    const scan = prescan(raw, 100);
    expect(scan.partCount).toBe(5);
    expect(scan.closes('q')).toBe(true);
    expect(scan.closes('b2')).toBe(true);
    expect(scan.closes('zz')).toBe(false);
  });

  it('stops counting one past the limit, and counts nothing without a declared boundary', () => {
    const raw = bytes(`Content-Type: multipart/mixed; boundary=p\n\n${'--p\n\nx\n'.repeat(50)}--p--\n`);
    expect(prescan(raw, 10).partCount).toBe(11);
    expect(prescan(raw, 1000).partCount).toBe(51);
    expect(prescan(bytes('Subject: x\n\n--p\n--p--\n'), 10).partCount).toBe(0);
  });

  it('collects charset labels in lower case, quoted or not, at most twenty', () => {
    const labels = prescan(bytes('Content-Type: text/plain; charset="KOI8-R"\nX: charset = Windows-1251;\n\n'), 10).charsetLabels;
    expect([...labels]).toEqual(['koi8-r', 'windows-1251']);
    const many = Array.from({ length: 30 }, (_, i) => `charset=x-${i}`).join('\n');
    expect(prescan(bytes(many), 10).charsetLabels.size).toBe(20);
  });
});

describe('headerBlock', () => {
  it('ends at the first empty line, LF or CRLF, within the limit', () => {
    expect(headerBlock(bytes('A: 1\r\nB: 2\r\n\r\nbody\n\nmore'), 1000).toString()).toBe('A: 1\r\nB: 2');
    expect(headerBlock(bytes('A: 1\nB: 2\n\nbody\r\n\r\nmore'), 1000).toString()).toBe('A: 1\nB: 2');
    expect(headerBlock(bytes('A: 1\nB: 2'), 1000).toString()).toBe('A: 1\nB: 2');
    expect(headerBlock(bytes('A: 1\nB: 2\n\nbody'), 6).toString()).toBe('A: 1\nB');
  });
});

describe('rawEightBitHeaders', () => {
  it('re-reads a raw 8-bit Subject, unfolded, the first one only, and leaves ASCII and other headers alone', () => {
    const cp1251 = Buffer.from([0xd3, 0xe4, 0xe0, 0xeb, 0xe5, 0xed, 0xe8, 0xe5]); // "Удаление" in windows-1251
    const raw = Buffer.concat([
      bytes('From: ivan@example.ru\r\nX-Note: '), cp1251, bytes('\r\nSubject: '), cp1251, bytes('\r\n\t'), cp1251, bytes('\r\nSubject: '), cp1251,
      bytes(' 2\r\n\r\nbody'),
    ]);
    const { values, warnings } = rawEightBitHeaders(raw, 10_000);
    expect([...values.keys()]).toEqual(['subject']);
    expect(values.get('subject')).toBe('Удаление\tУдаление');
    expect(warnings).toEqual(['raw 8-bit subject header without a declared charset: read as windows-1251 (guessed)']);
  });

  it('says a UTF-8 header was read as UTF-8, not guessed', () => {
    const { values, warnings } = rawEightBitHeaders(Buffer.from('To: Иван <ivan@example.ru>\nSubject: ok\n\n', 'utf8'), 10_000);
    expect(values.get('to')).toBe('Иван <ivan@example.ru>');
    expect(warnings).toEqual(['raw 8-bit to header without a declared charset: read as utf-8']);
  });
});
