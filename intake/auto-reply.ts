/**
 * Auto-replies, out-of-office notices and bounces are recorded but open no case. Read from the top-level
 * headers (RFC 3834 Auto-Submitted, the de-facto Precedence / X-Autoreply headers) and from an RFC 6522
 * multipart/report, whose delivery-status part says what failed.
 */
import type { Attachment, Header } from 'postal-mime';

const AUTO_PRECEDENCE = new Set(['bulk', 'junk', 'list', 'auto_reply']);

function header(headers: Header[], key: string): string | undefined {
  return headers.find((h) => h.key === key)?.value.trim();
}

/** "Action: failed" and "Status: 5.1.1" of the first recipient, e.g. "failed 5.1.1". */
function deliveryStatus(attachments: Attachment[]): string | undefined {
  const part = attachments.find((a) => a.mimeType === 'message/delivery-status');
  if (!part) return undefined;
  const text = typeof part.content === 'string' ? part.content : Buffer.from(part.content as ArrayBuffer).toString('latin1');
  const action = /^action:\s*([a-z-]+)/im.exec(text.slice(0, 64 * 1024))?.[1];
  const status = /^status:\s*(\d\.\d{1,3}\.\d{1,3})/im.exec(text.slice(0, 64 * 1024))?.[1];
  return [action, status].filter(Boolean).join(' ') || 'unknown';
}

export function detectAutoReply(headers: Header[], attachments: Attachment[]): { reason: string } | undefined {
  const contentType = header(headers, 'content-type')?.toLowerCase() ?? '';
  if (contentType.startsWith('multipart/report')) {
    const status = deliveryStatus(attachments);
    if (status) return { reason: `delivery_status: ${status}` };
    const reportType = /report-type\s*=\s*"?([\w-]+)/.exec(contentType)?.[1] ?? 'unknown';
    return { reason: `report: ${reportType}` };
  }
  const autoSubmitted = header(headers, 'auto-submitted')?.toLowerCase();
  if (autoSubmitted && !autoSubmitted.startsWith('no')) return { reason: `auto_submitted: ${autoSubmitted.split(';')[0]}` };
  const precedence = header(headers, 'precedence')?.toLowerCase();
  if (precedence && AUTO_PRECEDENCE.has(precedence)) return { reason: `precedence: ${precedence}` };
  if (header(headers, 'x-autoreply') !== undefined) return { reason: 'x_autoreply' };
  if (header(headers, 'x-autorespond') !== undefined) return { reason: 'x_autorespond' };
  return undefined;
}
