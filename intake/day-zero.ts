/**
 * Day 0 of a term is the day the operator received the letter (issue 16, 152-FZ art. 14/20), never the day
 * someone uploaded it. From IMAP it is the mailbox's INTERNALDATE; for an upload, the topmost `Received:`
 * header that a host of the operator's own mail system added (below it, the sender could have written
 * anything), or else the date an officer states on a manual upload.
 */
import { parseReceived } from 'mailauth/lib/parse-received';
import type { MailSource } from './mail-store';
import { headerBlock, unfoldedLines } from './raw-headers';

/** Where a message's day 0 came from: shown on the case, so an auditor can check it. */
export type DayZeroSource = 'imap_internaldate' | 'received_header' | 'officer';

export interface DayZero { at: Date; source: DayZeroSource }

const hostOf = (value: string | undefined): string => (value ?? '').trim().toLowerCase().replace(/\.$/, '');

/** The host is one of ours: equal to a listed host or domain, or below it. */
export function ourHost(host: string, ours: readonly string[]): boolean {
  const h = hostOf(host);
  return !!h && ours.some((o) => h === hostOf(o) || h.endsWith(`.${hostOf(o)}`));
}

/**
 * The date of the topmost `Received:` header whose `by` host is ours; undefined when there is none or its
 * date does not parse (a lower header of ours is not taken instead: it could be the sender's invention).
 */
export function receivedByUs(raw: Buffer, ourHosts: readonly string[], limit = 256 * 1024): Date | undefined {
  if (!ourHosts.length) return undefined;
  for (const { name, value } of unfoldedLines(headerBlock(raw, limit))) {
    if (name !== 'received') continue;
    const parsed = parseReceived(`Received: ${value.toString('latin1')}`);
    if (!parsed || !ourHost(parsed.by?.value ?? '', ourHosts)) continue;
    const at = parsed.timestamp ? new Date(parsed.timestamp.replace(/\s*\([^)]*\)\s*$/, '')) : undefined;
    return at && !Number.isNaN(at.getTime()) ? at : undefined;
  }
  return undefined;
}

/**
 * A message's day 0 and where it came from, or undefined for an upload nobody can date (the API refuses it).
 * A header of our own server outranks an officer's statement: it was written when the letter arrived.
 */
export function dayZeroOf(raw: Buffer, source: MailSource, ourHosts: readonly string[]): DayZero | undefined {
  if (source.kind === 'imap') return { at: source.receivedAt, source: 'imap_internaldate' };
  const header = receivedByUs(raw, ourHosts);
  if (header) return { at: header, source: 'received_header' };
  return source.officer ? { at: source.officer.receivedAt, source: 'officer' } : undefined;
}
