/**
 * The key that makes intake exactly-once per letter, not per byte string (issue 16, docs/adr/010): the same letter
 * relayed with other `Received:` headers, or delivered to two of our mailboxes, has other bytes but one key.
 * With a Message-ID: the normalised Message-ID with the normalised sender (a Message-ID alone can be forged or
 * reused by another sender). Without one: a hash of the body text and the headers a relay does not touch.
 */
import { createHash } from 'node:crypto';
import { normaliseAddress, normaliseMessageId } from '../domain/intake/mail-identity';
import type { ParsedMessage } from '../domain/intake/message';

const sha = (parts: string[]) => createHash('sha256').update(parts.join('\n')).digest('hex');

export function letterKey(m: ParsedMessage): string {
  const sender = normaliseAddress(m.from?.email) ?? '';
  const id = normaliseMessageId(m.messageId);
  if (id) return `mid:${sha([id, sender])}`;
  return `body:${sha([sender, m.date ?? '', m.subject, m.to.map((t) => normaliseAddress(t) ?? '').join(','), m.text,
    ...m.attachments.map((a) => a.sha256)])}`;
}

/** A message that could not be parsed has no letter to speak of: its bytes are its identity. */
export const bytesKey = (rawSha256: string) => `raw:${rawSha256}`;
