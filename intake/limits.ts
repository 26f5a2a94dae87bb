/**
 * What one parse may cost. The whole-message limit refuses the message before parsing (MessageTooLarge);
 * an attachment above its limit is kept as metadata and hash but its content is dropped, with a warning,
 * so a subject's request is never refused for a heavy scan (the officer asks for it again). The other
 * limits bound the parser's work on hostile structure and end it in MessageUnreadable.
 */
export interface ParseLimits {
  /** Whole raw message, bytes (32 MiB: above the 20–25 MB most providers accept, after base64 growth). */
  maxMessageBytes: number;
  /** One decoded attachment, bytes: above it the content is dropped and a warning recorded. */
  maxAttachmentBytes: number;
  /** All header bytes across every MIME part. */
  maxHeadersBytes: number;
  /** multipart nesting depth; deeper is MessageUnreadable (real clients nest 3–5 levels). */
  maxNestingDepth: number;
  /** MIME parts (boundary delimiters); real letters have a handful, thousands only slow the parser down. */
  maxParts: number;
  /** message/rfc822 parsed inline this deep; deeper ones stay attachments. */
  maxRfc822Depth: number;
  /** Wall time of one parse; checked between stages and raced against any stalled await. */
  timeoutMs: number;
}

export const DEFAULT_LIMITS: ParseLimits = {
  maxMessageBytes: 32 * 1024 * 1024,
  maxAttachmentBytes: 10 * 1024 * 1024,
  maxHeadersBytes: 512 * 1024,
  maxNestingDepth: 20,
  maxParts: 1_000,
  maxRfc822Depth: 3,
  timeoutMs: 10_000,
};

export type ParseOptions = Partial<ParseLimits> & {
  /** The operator's own mail domains (e.g. wellengineering.ru): a letter forwarded from them is the subject's. */
  operatorDomains?: readonly string[];
};
