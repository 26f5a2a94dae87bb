/**
 * Attachments as metadata plus a SHA-256 of the decoded content; the content itself is handed back beside
 * the metadata (never inside ParsedMessage), so intake can store it with the case and nothing that logs or
 * serialises the parse carries file bytes. Nothing is ever decompressed: an archive is kept as it came.
 */
import { createHash } from 'node:crypto';
import type { Attachment } from 'postal-mime';
import type { MessageAttachment } from '../domain/intake/message';
import { cleanHeaderValue } from './body-text';
import { isSignatureAttachment } from './signature';

export interface ReadAttachments {
  attachments: MessageAttachment[];
  /** Decoded content, same order as `attachments`; null where the content was dropped for its size. */
  contents: Array<Buffer | null>;
}

function bytesOf(content: Attachment['content']): Buffer {
  if (typeof content === 'string') return Buffer.from(content, 'utf8');
  return content instanceof ArrayBuffer ? Buffer.from(content) : Buffer.from(content.buffer, content.byteOffset, content.byteLength);
}

export function readAttachments(parts: Attachment[], maxAttachmentBytes: number, warnings: string[]): ReadAttachments {
  const attachments: MessageAttachment[] = [];
  const contents: Array<Buffer | null> = [];
  parts.forEach((part, i) => {
    const content = bytesOf(part.content);
    const filename = part.filename ? cleanHeaderValue(part.filename, `attachment ${i + 1} filename`, warnings) : undefined;
    const attachment: MessageAttachment = {
      ...(filename ? { filename } : {}),
      contentType: part.mimeType,
      size: content.length,
      sha256: createHash('sha256').update(content).digest('hex'),
      ...(isSignatureAttachment(part.mimeType, filename) ? { signature: true } : {}),
    };
    if (part.rfc822DepthExceeded) warnings.push(`attachment ${i + 1}: a message nested too deep, kept unparsed`);
    if (content.length > maxAttachmentBytes) {
      attachment.dropped = true;
      warnings.push(`attachment ${i + 1} (${content.length} bytes) above the limit of ${maxAttachmentBytes} bytes: content dropped, metadata kept`);
    }
    attachments.push(attachment);
    contents.push(attachment.dropped ? null : content);
  });
  return { attachments, contents };
}
