/**
 * What of a parsed message is kept beside its raw bytes (mail_messages.parsed) and who the case's subject is.
 * The summary never carries the body text, and number runs that could be document numbers are masked: the
 * raw message is there for the officer who needs them.
 */
import type { ParsedMessage } from '../domain/intake/message';
import type { Subject } from '../workflows/case-contract';
import type { MessageClassification } from './classifier';

/** Runs of 6+ digits (spaces and dashes allowed inside), as passport and contract numbers are written: last two kept. */
export function maskNumbers(text: string): string {
  return text.replace(/\d(?:[\d \-]{4,}\d)/g, (run) => {
    const digits = run.replace(/\D/g, '');
    return digits.length < 6 ? run : `${'*'.repeat(digits.length - 2)}${digits.slice(-2)}`;
  });
}

export function messageSummary(m: ParsedMessage, c?: MessageClassification): Record<string, unknown> {
  return {
    messageId: m.messageId, inReplyTo: m.inReplyTo, date: m.date, from: m.from, forwardedFrom: m.forwardedFrom,
    subject: maskNumbers(m.subject), attachments: m.attachments, autoReply: m.autoReply, signed: m.signed,
    warnings: m.warnings.map(maskNumbers),
    ...(c ? { classification: { ...c.classification, matched: c.classification.matched.map(maskNumbers) }, identity: c.identity, missing: c.missing } : {}),
  };
}

/** The subject is who the letter is about: the forwarded original sender, else the sender; the name from the text if found. */
export function subjectOf(m: ParsedMessage, c: MessageClassification): Subject {
  const sender = m.forwardedFrom ?? m.from;
  const email = c.identity?.email ?? sender?.email;
  const name = c.identity?.name ?? sender?.name ?? email ?? 'Unknown sender';
  return { name: name.slice(0, 300), ...(email ? { email: email.slice(0, 320) } : {}) };
}
