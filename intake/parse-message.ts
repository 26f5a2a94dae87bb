/**
 * Any received e-mail to a ParsedMessage, with postal-mime doing the MIME work (multipart, QP, base64,
 * charsets, encoded-words) under explicit limits. What postal-mime does not do is added here: raw 8-bit
 * headers with a guessed charset, HTML-only bodies as text, forwarded letters, auto-replies, signatures,
 * attachment hashes and size limits, and control characters removed from headers. Hostile input ends in
 * a warning, MessageTooLarge or MessageUnreadable — never a crash or a hang.
 */
import { createHash } from 'node:crypto';
import PostalMime, { addressParser, type Address, type Email } from 'postal-mime';
import type { ParsedMessage } from '../domain/intake/message';
import { readAttachments } from './attachments';
import { detectAutoReply } from './auto-reply';
import { cleanBodyText, cleanHeaderValue, htmlToText, stripQuotedReply } from './body-text';
import { MessageTooLarge, MessageUnreadable } from './errors';
import { forwardedSender, isOperatorStaff } from './forwarded';
import { DEFAULT_LIMITS, type ParseLimits, type ParseOptions } from './limits';
import { prescan, type Prescan } from './mime-prescan';
import { rawEightBitHeaders } from './raw-headers';
import { structureWarnings } from './structure-warnings';
import { detectSigned } from './signature';
import { withTimeout } from './time-budget';

export { MessageTooLarge, MessageUnreadable } from './errors';
export type { ParseOptions } from './limits';

export interface ParsedMessageWithContent {
  message: ParsedMessage;
  /** Attachment content in the order of `message.attachments`; null where it was dropped for its size. */
  contents: Array<Buffer | null>;
}

/** The parse alone, for classification and `dsar intake parse`. */
export async function parseMessage(raw: Buffer, opts: ParseOptions = {}): Promise<ParsedMessage> {
  return (await parseMessageWithContent(raw, opts)).message;
}

/** The parse and the attachments' content, for intake to store with the case. */
export async function parseMessageWithContent(raw: Buffer, opts: ParseOptions = {}): Promise<ParsedMessageWithContent> {
  const limits = limitsOf(opts);
  if (raw.length > limits.maxMessageBytes) throw new MessageTooLarge(raw.length, limits.maxMessageBytes);
  if (raw.every((b) => b === 0x20 || b === 0x0d || b === 0x0a || b === 0x09)) throw new MessageUnreadable('empty', 'the message has no bytes but whitespace');
  const deadline = Date.now() + limits.timeoutMs;
  const scan = prescan(raw, limits.maxParts);
  if (scan.partCount > limits.maxParts) throw new MessageUnreadable('too_many_parts', `more than ${limits.maxParts} MIME parts`);
  const email = await withTimeout(readMime(raw, limits), limits.timeoutMs);
  try {
    return assemble(raw, scan, email, limits, opts.operatorDomains ?? [], deadline);
  } catch (err) {
    if (err instanceof MessageUnreadable) throw err;
    throw unreadable(err);
  }
}

function limitsOf(opts: ParseOptions): ParseLimits {
  const limits = { ...DEFAULT_LIMITS };
  for (const key of Object.keys(DEFAULT_LIMITS) as Array<keyof ParseLimits>) {
    const value = opts[key];
    if (value !== undefined) limits[key] = value;
  }
  return limits;
}

async function readMime(raw: Buffer, limits: ParseLimits): Promise<Email> {
  try {
    return await PostalMime.parse(raw, {
      maxNestingDepth: limits.maxNestingDepth,
      maxHeadersSize: limits.maxHeadersBytes,
      maxRfc822NestingDepth: limits.maxRfc822Depth,
      attachmentEncoding: 'arraybuffer',
    });
  } catch (err) {
    throw unreadable(err);
  }
}

function unreadable(err: unknown): MessageUnreadable {
  const detail = err instanceof Error ? err.message : String(err);
  if (/nesting depth/i.test(detail)) return new MessageUnreadable('nesting_too_deep', detail);
  if (/header size/i.test(detail)) return new MessageUnreadable('headers_too_large', detail);
  if (err instanceof RangeError) return new MessageUnreadable('too_complex', detail);
  return new MessageUnreadable('parser_error', detail);
}

function checkBudget(deadline: number, stage: string): void {
  if (Date.now() > deadline) throw new MessageUnreadable('time_budget_exceeded', `the parse ran out of time at ${stage}`);
}

function assemble(raw: Buffer, scan: Prescan, email: Email, limits: ParseLimits, operatorDomains: readonly string[], deadline: number): ParsedMessageWithContent {
  const warnings: string[] = [];
  const eightBit = rawEightBitHeaders(raw, limits.maxHeadersBytes);
  warnings.push(...eightBit.warnings, ...structureWarnings(scan, email.headers));
  const rawFrom = eightBit.values.get('from');
  const from = firstMailbox(rawFrom !== undefined ? addressParser(rawFrom) : email.from ? [email.from] : [], 'from', warnings);
  const rawTo = eightBit.values.get('to');
  const to = mailboxes(rawTo !== undefined ? addressParser(rawTo) : (email.to ?? []), 'to', warnings).map((m) => m.email);
  const subject = cleanHeaderValue(eightBit.values.get('subject') ?? email.subject ?? '', 'subject', warnings);
  checkBudget(deadline, 'headers');

  const body = cleanBodyText(bodyText(email, warnings), warnings);
  checkBudget(deadline, 'body');
  const forwardedFrom = isOperatorStaff(from?.email, operatorDomains) ? forwardedSender(body) : undefined;
  const { attachments, contents } = readAttachments(email.attachments, limits.maxAttachmentBytes, warnings);
  checkBudget(deadline, 'attachments');

  const message: ParsedMessage = {
    rawSha256: createHash('sha256').update(raw).digest('hex'),
    ...optional('messageId', email.messageId, warnings),
    ...optional('inReplyTo', email.inReplyTo, warnings),
    references: references(email.references, warnings),
    ...dateOf(email.date, warnings),
    ...(from ? { from } : {}),
    to,
    subject,
    text: forwardedFrom ? body.trim() : stripQuotedReply(body),
    ...(forwardedFrom ? { forwardedFrom } : {}),
    attachments,
    ...autoReplyOf(email),
    signed: detectSigned(email.headers, attachments.some((a) => a.signature), body),
    warnings,
  };
  return { message, contents };
}

function bodyText(email: Email, warnings: string[]): string {
  if (email.text?.trim()) return email.text;
  return email.html ? htmlToText(email.html, warnings) : '';
}

type Mailbox = { name?: string; email: string };

function mailboxes(addresses: Address[], what: string, warnings: string[]): Mailbox[] {
  const flat = addresses.flatMap((a) => (a.group ? a.group : [a])).slice(0, 500);
  return flat.flatMap((a) => {
    const email = cleanHeaderValue(a.address, what, warnings).toLowerCase();
    if (!/^[^\s@]+@[^\s@]+$/.test(email)) return [];
    const name = cleanHeaderValue(a.name, what, warnings);
    return [name ? { name, email } : { email }];
  });
}

function firstMailbox(addresses: Address[], what: string, warnings: string[]): Mailbox | undefined {
  return mailboxes(addresses, what, warnings)[0];
}

function optional(key: 'messageId' | 'inReplyTo', value: string | undefined, warnings: string[]): Partial<ParsedMessage> {
  const cleaned = value ? cleanHeaderValue(value, key, warnings) : '';
  return cleaned ? { [key]: cleaned } : {};
}

function references(value: string | undefined, warnings: string[]): string[] {
  if (!value) return [];
  return cleanHeaderValue(value, 'references', warnings).split(/\s+/).filter(Boolean).slice(0, 100);
}

function dateOf(value: string | undefined, warnings: string[]): { date?: string } {
  if (!value) return {};
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) {
    warnings.push('date: the Date header does not parse');
    return {};
  }
  return { date: date.toISOString() };
}

function autoReplyOf(email: Email): { autoReply?: { reason: string } } {
  const autoReply = detectAutoReply(email.headers, email.attachments);
  return autoReply ? { autoReply } : {};
}
