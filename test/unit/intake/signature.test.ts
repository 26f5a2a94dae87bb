import type { Header } from 'postal-mime';
import { describe, expect, it } from 'vitest';
import { MessageTooLarge, MessageUnreadable } from '../../../intake/errors';
import { detectSigned, isSignatureAttachment } from '../../../intake/signature';

/** Whether a letter counts as signed (art. 14 p.3 asks for the subject's signature) and how a refusal names itself. */
const contentType = (value: string): Header[] => [{ key: 'subject', originalKey: 'Subject', value: 'x' }, { key: 'content-type', originalKey: 'Content-Type', value }];

describe('isSignatureAttachment', () => {
  it('knows signature parts by type, whatever its case, or by a .p7s/.p7m/.sig/.sgn file name', () => {
    expect(isSignatureAttachment('Application/PKCS7-Signature', undefined)).toBe(true);
    expect(isSignatureAttachment('application/pgp-signature', 'letter.txt')).toBe(true);
    expect(isSignatureAttachment('application/octet-stream', 'zayavlenie.pdf.SIG')).toBe(true);
    expect(isSignatureAttachment('application/octet-stream', 'scan.p7s')).toBe(true);
    expect(isSignatureAttachment('application/octet-stream', 'scan.p7s.pdf')).toBe(false);
    expect(isSignatureAttachment('application/pdf', 'scan.pdf')).toBe(false);
    expect(isSignatureAttachment('application/pdf', undefined)).toBe(false);
  });
});

describe('detectSigned', () => {
  it('counts S/MIME and PGP messages, a signature attachment and clear-signed text as signed', () => {
    expect(detectSigned(contentType('Multipart/Signed; protocol="application/pkcs7-signature"; boundary=x'), false, '')).toBe(true);
    expect(detectSigned(contentType('Application/PKCS7-MIME; smime-type=signed-data; name=smime.p7m'), false, '')).toBe(true);
    expect(detectSigned(contentType(' application/x-pkcs7-mime ; name=smime.p7m'), false, '')).toBe(true);
    expect(detectSigned(contentType('text/plain'), true, '')).toBe(true);
    expect(detectSigned([], false, 'Hash: SHA256\n-----BEGIN PGP SIGNED MESSAGE-----\n')).toBe(true);
  });

  it('does not count an ordinary letter, nor a signature type named anywhere but in front', () => {
    expect(detectSigned(contentType('multipart/mixed; boundary=x'), false, 'С уважением, Иванов')).toBe(false);
    expect(detectSigned(contentType('text/plain; x-note=multipart/signed'), false, '')).toBe(false);
    expect(detectSigned(contentType('text/plain; x=application/pkcs7-mime'), false, '')).toBe(false);
    expect(detectSigned([{ key: 'x-content-type', originalKey: 'X-Content-Type', value: 'multipart/signed' }], false, '')).toBe(false);
    expect(detectSigned([], false, '')).toBe(false);
  });
});

describe('parser refusals', () => {
  it('say what is wrong and what to do, under a stable name and code', () => {
    const large = new MessageTooLarge(30_000_000, 25_000_000);
    expect(large).toMatchObject({ name: 'MessageTooLarge', code: 'message_too_large', sizeBytes: 30_000_000, limitBytes: 25_000_000 });
    expect(large.message).toBe('The message is 30000000 bytes, above the limit of 25000000 bytes; ask the sender to split it or raise the limit.');
    const unreadable = new MessageUnreadable('nesting_too_deep', 'more than 20 levels');
    expect(unreadable).toMatchObject({ name: 'MessageUnreadable', code: 'message_unreadable', reason: 'nesting_too_deep' });
    expect(unreadable.message).toBe('The message cannot be read (nesting_too_deep): more than 20 levels');
  });
});
