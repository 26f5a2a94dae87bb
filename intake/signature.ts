/**
 * Whether the message carries an electronic signature: S/MIME (multipart/signed, pkcs7-mime/-signature),
 * PGP (pgp-signature, inline clear-signed text) or a detached .sig/.p7s file. Detected only: verifying it
 * needs the signer's certificate chain and is the officer's call, so nothing here claims validity.
 */
import type { Header } from 'postal-mime';

const SIGNATURE_TYPES = new Set([
  'application/pkcs7-signature',
  'application/x-pkcs7-signature',
  'application/pkcs7-mime',
  'application/x-pkcs7-mime',
  'application/pgp-signature',
]);
const SIGNATURE_FILE = /\.(p7s|p7m|sig|sgn)$/i;

/** A detached signature part or file, recorded as such on the attachment. */
export function isSignatureAttachment(mimeType: string, filename: string | undefined): boolean {
  return SIGNATURE_TYPES.has(mimeType.toLowerCase()) || (filename !== undefined && SIGNATURE_FILE.test(filename));
}

export function detectSigned(headers: Header[], attachmentSigned: boolean, text: string): boolean {
  const contentType = headers.find((h) => h.key === 'content-type')?.value.toLowerCase() ?? '';
  if (contentType.startsWith('multipart/signed')) return true;
  if (SIGNATURE_TYPES.has(contentType.split(';')[0]!.trim())) return true;
  return attachmentSigned || text.includes('-----BEGIN PGP SIGNED MESSAGE-----');
}
