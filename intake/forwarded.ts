/**
 * When a member of the operator's staff forwards a subject's letter to the request mailbox, the subject is
 * the original sender, not the employee. The original sender is read from the forward block the mail client
 * wrote (Gmail, Outlook, Apple Mail, Yandex, Mail.ru, Thunderbird in Russian and English) or from the header
 * summary postal-mime writes for an attached message/rfc822.
 */
import { addressParser } from 'postal-mime';

type Mailbox = { name?: string; email: string };

const MARKERS = [
  /^-{3,}\s*forwarded message\s*-{3,}$/i,
  /^-{3,}\s*пересылаемое сообщение\s*-{3,}$/i,
  /^-{3,}\s*переадресованное сообщение\s*-{3,}$/i,
  /^начало переадресованного сообщения:?$/i,
  /^begin forwarded message:?$/i,
  /^-{3,}\s*original message\s*-{3,}$/i,
  /^-{3,}\s*исходное сообщение\s*-{3,}$/i,
  // postal-mime's summary of an inline message/rfc822 part
  /^-{32,}$/,
];
const FROM_LINE = /^(?:from|от|от кого)\s*:\s*(.{1,400})$/i;
// Yandex writes "02.12.2026, 10:00, "Name" <addr>:" instead of a From: line.
const ATTRIBUTION_LINE = /^[^<>]{0,200}?(?:"([^"<>]{1,200})"\s*)?<([^<>\s@]{1,64}@[^<>\s@]{1,255})>:?$/;
const LOOKAHEAD_LINES = 12;

function mailbox(value: string): Mailbox | undefined {
  const first = addressParser(value, { flatten: true })[0];
  if (!first?.address || !first.address.includes('@')) return undefined;
  return first.name ? { name: first.name, email: first.address.toLowerCase() } : { email: first.address.toLowerCase() };
}

function senderAfter(lines: string[], marker: number): Mailbox | undefined {
  for (const line of lines.slice(marker + 1, marker + 1 + LOOKAHEAD_LINES)) {
    const from = FROM_LINE.exec(line)?.[1];
    if (from) return mailbox(from);
    const attributed = ATTRIBUTION_LINE.exec(line);
    if (attributed) return attributed[1] ? { name: attributed[1], email: attributed[2]!.toLowerCase() } : { email: attributed[2]!.toLowerCase() };
  }
  return undefined;
}

/** The first forwarded letter's sender in the body text, if there is a forward block. */
export function forwardedSender(text: string): Mailbox | undefined {
  const lines = text.split('\n', 20_000).map((l) => l.replace(/^[>\s]+/, '').trimEnd());
  for (let i = 0; i < lines.length; i++) {
    if (MARKERS.some((m) => m.test(lines[i]!))) {
      const sender = senderAfter(lines, i);
      if (sender) return sender;
    }
  }
  return undefined;
}

export function isOperatorStaff(email: string | undefined, operatorDomains: readonly string[]): boolean {
  const domain = email?.split('@').pop()?.toLowerCase();
  return !!domain && operatorDomains.some((d) => domain === d.toLowerCase() || domain.endsWith(`.${d.toLowerCase()}`));
}
