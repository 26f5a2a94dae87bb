import { createHash } from 'node:crypto';
import type { Attachment } from 'postal-mime';
import { describe, expect, it } from 'vitest';
import { readAttachments } from '../../../intake/attachments';

/** What is kept of each attachment: metadata and hash always, content up to the limit, the warnings the officer sees. */
const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');
const part = (content: Attachment['content'], over: Partial<Attachment> = {}): Attachment =>
  ({ filename: 'scan.pdf', mimeType: 'application/pdf', disposition: 'attachment', content, ...over }) as Attachment;

describe('readAttachments', () => {
  it('keeps content of exactly the limit and drops one byte more, naming the attachment\'s place', () => {
    const warnings: string[] = [];
    const exact = Buffer.alloc(100, 1);
    const over = Buffer.alloc(101, 2);
    const { attachments, contents } = readAttachments([part(exact.buffer.slice(0, 100) as ArrayBuffer), part(new Uint8Array(over))], 100, warnings);
    expect(attachments).toEqual([
      { filename: 'scan.pdf', contentType: 'application/pdf', size: 100, sha256: sha256(exact) },
      { filename: 'scan.pdf', contentType: 'application/pdf', size: 101, sha256: sha256(over), dropped: true },
    ]);
    expect(contents).toEqual([exact, null]);
    expect(warnings).toEqual(['attachment 2 (101 bytes) above the limit of 100 bytes: content dropped, metadata kept']);
  });

  it('reads string content as UTF-8 and a typed array through its own window of the buffer', () => {
    const backing = new Uint8Array([9, 9, 1, 2, 3, 9]);
    const { attachments, contents } = readAttachments([part('Привет'), part(backing.subarray(2, 5))], 1_000, []);
    expect(contents).toEqual([Buffer.from('Привет', 'utf8'), Buffer.from([1, 2, 3])]);
    expect(attachments.map((a) => a.size)).toEqual([12, 3]);
  });

  it('cleans a file name of control characters, saying which attachment, and leaves out a missing or blank name', () => {
    const warnings: string[] = [];
    const { attachments } = readAttachments([part('x', { filename: null }), part('x', { filename: 'evil\r\nname.pdf' }), part('x', { filename: '\u0000' })], 1_000, warnings);
    expect(attachments.map((a) => a.filename)).toEqual([undefined, 'evil name.pdf', undefined]);
    expect(attachments.map((a) => 'filename' in a)).toEqual([false, true, false]);
    expect(warnings).toEqual(['attachment 2 filename: control characters (CR/LF/NUL) removed', 'attachment 3 filename: control characters (CR/LF/NUL) removed']);
  });

  it('marks a detached signature and warns about a message nested too deep, kept unparsed', () => {
    const warnings: string[] = [];
    const { attachments } = readAttachments([part('x', { filename: 'letter.p7s' }), part('x', { mimeType: 'message/rfc822', filename: null, rfc822DepthExceeded: true } as Partial<Attachment>)], 1_000, warnings);
    expect(attachments.map((a) => !!a.signature)).toEqual([true, false]);
    expect('signature' in attachments[1]!).toBe(false);
    expect(warnings).toEqual(['attachment 2: a message nested too deep, kept unparsed']);
  });
});
